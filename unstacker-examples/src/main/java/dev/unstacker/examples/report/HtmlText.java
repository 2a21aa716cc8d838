package dev.unstacker.examples.report;

import java.util.Locale;
import java.util.OptionalDouble;

/** Escaping and number formats of the report page. Every format uses {@link Locale#ROOT}. */
final class HtmlText {

    /** Shown in place of a value that is not known yet. */
    static final String MISSING = "—";

    private HtmlText() {}

    /** Escapes the five characters that HTML text and quoted attribute values treat specially. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Formats a value with a {@link String#format} pattern, or returns "—" if it is empty. */
    static String number(OptionalDouble value, String pattern) {
        return value.isPresent() ? number(value.getAsDouble(), pattern) : MISSING;
    }

    /** Formats a value with a {@link String#format} pattern, or returns "—" if not finite. */
    static String number(double value, String pattern) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : MISSING;
    }

    /** Formats seconds as hours, minutes and seconds, such as {@code 1:02:03}. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return MISSING;
        }
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        return String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, total % 60);
    }
}
