package dev.unstacker.examples.report;

import static dev.unstacker.examples.report.HtmlText.escape;
import static dev.unstacker.examples.report.HtmlText.number;

import dev.unstacker.api.EpochResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The self-contained {@code index.html} of an experiment folder.
 *
 * <p>The page has inline CSS and no scripts. It shows the run status, the metrics, the images
 * that exist next to it, the class-pair summary and the per-epoch history. While the run is in
 * progress it reloads itself every {@value #REFRESH_SECONDS} seconds, and image links carry the
 * file's modification time so that the browser fetches a redrawn image rather than its cached copy.
 */
public final class ReportPage {

    /** File name of the {@link LossCurveChart}. */
    public static final String LOSS_CURVE = "loss-curve.png";

    /** File name of the {@link SeparationGrid}. */
    public static final String SEPARATIONS = "separations.png";

    /** File name of the {@link ClassPairHeatMap}. */
    public static final String CLASS_PAIR_PSNR = "class-pair-psnr.png";

    /** Seconds between reloads of a page whose run is in progress. */
    public static final int REFRESH_SECONDS = 30;

    private static final int HARDEST_PAIRS = 3;

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1000px;
                   color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            .status { color: #555; margin-top: 0; }
            .running { color: #b35c00; font-weight: bold; }
            .finished { color: #1a7f37; font-weight: bold; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.7em; text-align: right; }
            th { background: #f3f3f3; }
            td.name { text-align: left; }
            tr.best td { background: #e8f4ea; font-weight: bold; }
            figure { margin: 1em 0 2em; }
            figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { color: #555; font-size: 0.9em; }
            """;

    private ReportPage() {}

    /**
     * Writes the page and replaces {@code html} atomically. Images are linked only if they exist
     * in the folder of {@code html} at the time of the call.
     *
     * @param html the file to write, usually {@code index.html}, whose folder is created if
     *     missing
     * @param content what the page shows
     * @throws IOException if the file cannot be written
     */
    public static void write(Path html, ReportContent content) throws IOException {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(content, "content");
        Path folder = html.toAbsolutePath().getParent();
        AtomicFiles.replaceText(html, render(content, folder));
    }

    static String render(ReportContent content, Path folder) throws IOException {
        StringBuilder page = new StringBuilder(8192);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        if (content.running()) {
            page.append("<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">\n");
        }
        page.append("<title>").append(escape(content.title())).append("</title>\n");
        page.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");

        page.append("<h1>").append(escape(content.title())).append("</h1>\n");
        page.append("<p class=\"status\">").append(status(content)).append("</p>\n");
        appendMetrics(page, content);
        appendImages(page, folder);
        appendClassPairs(page, content);
        appendHistory(page, content);

        page.append("</body>\n</html>\n");
        return page.toString();
    }

    /**
     * Formats the status line, such as "epoch 3 of 40 · elapsed 0:05:12 · about 1:03:00 left ·
     * running".
     */
    private static String status(ReportContent content) {
        Optional<EpochResult> last = content.lastEpoch();
        int epochsDone = last.map(EpochResult::epoch).orElse(0);
        double elapsed = content.elapsedSeconds()
                .orElse(last.map(EpochResult::elapsedSeconds).orElse(0.0));

        StringBuilder status = new StringBuilder();
        status.append("epoch ").append(epochsDone).append(" of ").append(content.epochsPlanned());
        status.append(" · elapsed ").append(HtmlText.duration(elapsed));
        if (content.running() && epochsDone > 0 && epochsDone < content.epochsPlanned()) {
            // An estimate: the mean time per epoch so far, validation included, times epochs left.
            double perEpoch = last.get().elapsedSeconds() / epochsDone;
            double left = perEpoch * (content.epochsPlanned() - epochsDone);
            status.append(" · about ").append(HtmlText.duration(left)).append(" left");
        }
        status.append(content.running()
                ? " · <span class=\"running\">running</span>"
                : " · <span class=\"finished\">finished</span>");
        return status.toString();
    }

    private static void appendMetrics(StringBuilder page, ReportContent content) {
        page.append("<h2>Metrics</h2>\n<table>\n");
        metricRow(page, "test PIT-MAE", number(content.testPitMae(), "%.4f"));
        metricRow(page, "test PSNR", number(content.testPsnrDb(), "%.2f dB"));
        metricRow(page, "test SSIM", number(content.testSsim(), "%.4f"));
        metricRow(page, "mixture baseline PIT-MAE", number(content.baselinePitMae(), "%.4f"));
        metricRow(page, "mixture baseline PSNR", number(content.baselinePsnrDb(), "%.2f dB"));
        metricRow(page, "device", content.device().map(HtmlText::escape).orElse(HtmlText.MISSING));
        String parameters = content.parameters().isPresent()
                ? String.format(Locale.ROOT, "%,d", content.parameters().getAsLong())
                : HtmlText.MISSING;
        metricRow(page, "parameters", parameters);
        metricRow(page, "train samples/s", number(content.trainSamplesPerSecond(), "%.0f"));
        String best = content.bestEpoch().isPresent()
                ? Integer.toString(content.bestEpoch().getAsInt())
                : HtmlText.MISSING;
        metricRow(page, "best epoch", best);
        page.append("</table>\n");
    }

    /** Appends a row whose value is already HTML. */
    private static void metricRow(StringBuilder page, String name, String valueHtml) {
        page.append("<tr><td class=\"name\">").append(escape(name)).append("</td><td>")
                .append(valueHtml).append("</td></tr>\n");
    }

    private static void appendImages(StringBuilder page, Path folder) throws IOException {
        appendImage(page, folder, LOSS_CURVE, "Training loss and validation PIT-MAE by epoch.");
        appendImage(page, folder, SEPARATIONS,
                "Test mixtures, their true sources and the estimates, with PSNR per estimate.");
        appendImage(page, folder, CLASS_PAIR_PSNR,
                "Mean test PSNR by the classes of the two sources.");
    }

    private static void appendImage(
            StringBuilder page, Path folder, String fileName, String caption) throws IOException {
        Path image = folder.resolve(fileName);
        if (!Files.isRegularFile(image)) {
            return;
        }
        long version = Files.getLastModifiedTime(image).toMillis();
        page.append("<figure><img src=\"").append(escape(fileName)).append("?v=").append(version)
                .append("\" alt=\"").append(escape(caption)).append("\">")
                .append("<figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    private static void appendClassPairs(StringBuilder page, ReportContent content) {
        if (content.classPairs().isEmpty()) {
            return;
        }
        ClassPairTable table = content.classPairs().get();
        page.append("<h2>Class pairs</h2>\n<table>\n");
        metricRow(page, "same-class mean PSNR", number(table.sameClassMean(), "%.2f dB"));
        metricRow(page, "different-class mean PSNR", number(table.differentClassMean(), "%.2f dB"));
        for (ClassPair pair : table.hardest(HARDEST_PAIRS)) {
            String name = "hardest: " + className(content, pair.classA())
                    + " + " + className(content, pair.classB())
                    + String.format(Locale.ROOT, " (%,d %s)",
                            pair.count(), pair.count() == 1 ? "mixture" : "mixtures");
            metricRow(page, name, number(pair.meanPsnrDb(), "%.2f dB"));
        }
        page.append("</table>\n");
    }

    private static String className(ReportContent content, int index) {
        List<String> names = content.classNames();
        return index < names.size() ? names.get(index) : "class " + index;
    }

    private static void appendHistory(StringBuilder page, ReportContent content) {
        page.append("<h2>History</h2>\n<table>\n<tr><th>epoch</th><th>elapsed</th>"
                + "<th>train loss</th><th>validation PIT-MAE</th><th>validation PSNR</th>"
                + "<th>samples/s</th></tr>\n");
        int best = content.bestEpoch().orElse(-1);
        for (EpochResult result : content.history()) {
            page.append(result.epoch() == best ? "<tr class=\"best\">" : "<tr>");
            cell(page, Integer.toString(result.epoch()));
            cell(page, HtmlText.duration(result.elapsedSeconds()));
            cell(page, number(result.trainLoss(), "%.4f"));
            cell(page, number(result.validationPitMae(), "%.4f"));
            cell(page, number(result.validationPsnrDb(), "%.2f dB"));
            cell(page, number(result.samplesPerSecond(), "%.0f"));
            page.append("</tr>\n");
        }
        page.append("</table>\n");
    }

    private static void cell(StringBuilder page, String valueHtml) {
        page.append("<td>").append(valueHtml).append("</td>");
    }
}
