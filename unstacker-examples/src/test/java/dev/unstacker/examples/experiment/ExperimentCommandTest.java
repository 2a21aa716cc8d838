package dev.unstacker.examples.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstacker.examples.Main;
import dev.unstacker.examples.report.MetricsJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code experiment --dry-run} once on the real data and checks every output it promises. */
class ExperimentCommandTest {

    @TempDir
    static Path folder;

    private static int status;
    private static String output;

    @BeforeAll
    static void runDryRun() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        status = Main.run(
                new String[] {"experiment", "--dry-run", "--width", "8", "--out", folder.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void succeedsAndPrintsTheTestMetrics() {
        assertThat(status).as(output).isZero();
        assertThat(output).contains("Mixtures: train 640, validation 80, test 80; 2 sources weighted 0.5 / 0.5, seed")
                .doesNotContain("MixtureProtocol[").contains("Test PIT-MAE");
    }

    @Test
    void metricsJsonHasEveryPromisedKey() throws Exception {
        Map<String, Object> metrics = MetricsJson.read(folder.resolve("metrics.json"));
        assertThat(metrics).containsKeys(
                "test_pit_mae", "test_psnr_db", "test_ssim", "mixture_baseline_pit_mae", "device", "parameters",
                "train_samples_per_second", "history", "command");
        assertThat(((Number) metrics.get("test_pit_mae")).doubleValue()).isBetween(0.0, 0.5);
        assertThat(metrics.get("device")).isEqualTo("cpu()");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) metrics.get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsKeys("epoch", "elapsed_seconds", "train_loss", "val_pit_mae");
    }

    @Test
    void writesFiguresPageAndModel() throws Exception {
        for (String png : List.of("loss-curve.png", "separations.png", "class-pair-psnr.png")) {
            assertThat(ImageIO.read(folder.resolve(png).toFile())).as(png).isNotNull();
        }
        String page = Files.readString(folder.resolve("index.html"));
        assertThat(page).contains("separations.png").contains("loss-curve.png").contains("class-pair-psnr.png");
        assertThat(folder.resolve("model").resolve("model.json")).exists();
        assertThat(Files.readString(folder.resolve("model").resolve("model.json"))).contains("\"test_pit_mae\"");
    }

    @Test
    void rejectsUnknownOptionsWithUsageStatus() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"experiment", "--epoch", "3"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option --epoch").contains("--epochs VALUE");
    }

    @Test
    void rejectsBoundedOutputForThreeSources() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"experiment", "--dry-run", "--sources", "3", "--output", "bounded"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--output bounded needs --sources 2, but --sources is 3; use consistent or free");
    }

    @Test
    void rejectsTooNarrowWidthBeforeTraining() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"experiment", "--dry-run", "--width", "2"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid model settings: width = 2; expected 4 to 256");
    }
}
