package dev.unstacker.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} or {@code --flag}, with positional
 * arguments kept in order. Unknown options are rejected with the list of known ones.
 */
public final class Options {

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options(String command) {
        this.command = command;
    }

    /**
     * Parses arguments.
     *
     * @param command the command name, for messages
     * @param args the arguments after the command name
     * @param valued options that take a value, without the leading dashes
     * @param flags options that take no value, without the leading dashes
     * @return the parsed options
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    public static Options parse(String command, String[] args, Set<String> valued, Set<String> flags) {
        Options options = new Options(command);
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--") && !optionsEnded) {
                // Everything after a bare "--" is positional, so files may start with dashes.
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && arg.equals("-h")) {
                // The usual short form of --help; a file named -h can still follow "--".
                arg = "--help";
            }
            if (optionsEnded || !arg.startsWith("--")) {
                options.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                inlineValue = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flags.contains(name) && inlineValue == null) {
                options.values.put(name, "true");
            } else if (valued.contains(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("Option --" + name + " of '" + command + "' needs a value");
                    }
                    value = args[++i];
                }
                options.values.put(name, value);
            } else {
                List<String> known = new ArrayList<>();
                valued.forEach(v -> known.add("--" + v + " VALUE"));
                flags.forEach(f -> known.add("--" + f));
                known.sort(null);
                throw new IllegalArgumentException(
                        "Unknown option " + arg + " for '" + command + "'; known options: " + String.join(", ", known));
            }
        }
        return options;
    }

    /** Returns whether a flag or option was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Returns the value of an option, or the fallback if it was not given. */
    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Returns an integer option, or the fallback if it was not given. */
    public int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Option --" + name + " of '" + command + "' must be an integer, but was '" + value + "'", e);
        }
    }

    /**
     * Returns an integer option, or the fallback if it was not given, rejecting a value outside
     * {@code [min, max]}.
     */
    public int integer(String name, int fallback, int min, int max) {
        int value = integer(name, fallback);
        if (value < min) {
            throw new IllegalArgumentException(
                    "Option --" + name + " of '" + command + "' must be at least " + min + ", but was " + value);
        }
        if (value > max) {
            throw new IllegalArgumentException(
                    "Option --" + name + " of '" + command + "' must be at most " + max + ", but was " + value);
        }
        return value;
    }

    /** Returns a long option, or the fallback if it was not given. */
    public long longValue(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Option --" + name + " of '" + command + "' must be an integer, but was '" + value + "'", e);
        }
    }

    /** Returns a decimal option, or the fallback if it was not given. */
    public double decimal(String name, double fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Option --" + name + " of '" + command + "' must be a number, but was '" + value + "'", e);
        }
    }

    /**
     * Returns an enum option matched case-insensitively against each constant's name or its
     * {@code toString()}, or the fallback if it was not given.
     *
     * @throws IllegalArgumentException naming the accepted values if the value matches none
     */
    public <E extends Enum<E>> E choice(String name, E fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        for (E constant : fallback.getDeclaringClass().getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim()) || constant.toString().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        List<String> accepted = new ArrayList<>();
        for (E constant : fallback.getDeclaringClass().getEnumConstants()) {
            accepted.add(constant.toString().toLowerCase(java.util.Locale.ROOT));
        }
        throw new IllegalArgumentException(
                "Invalid --" + name + " '" + value + "' for '" + command + "'; use one of " + String.join(", ", accepted));
    }

    /** Returns a path option, or null if it was not given. */
    public Path path(String name) {
        String value = values.get(name);
        return value == null ? null : Path.of(value);
    }

    /** Returns the arguments that are not options, in order. */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    /**
     * Rejects arguments that are not options, for commands that take none, so that a forgotten
     * option name is not silently ignored.
     *
     * @throws IllegalArgumentException if any argument is not an option
     */
    public void requireNoPositional() {
        if (!positional.isEmpty()) {
            throw new IllegalArgumentException("'" + command + "' takes only options, but got '" + positional.get(0)
                    + "'; options start with --, for example --model DIR");
        }
    }
}
