package dev.unstacker.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.unstacker.api.EpochResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {

    @TempDir Path folder;

    static final List<EpochResult> HISTORY = List.of(
            new EpochResult(1, 65.5, 0.12, 0.1, 17.5, 812.25),
            new EpochResult(2, 130.0, 0.08, 0.07, 19.0, 830.0));

    static Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test_pit_mae", 0.0654);
        metrics.put("device", "cpu()");
        metrics.put("parameters", 1234567L);
        return metrics;
    }

    @Nested
    class RoundTrip {

        @Test
        void metricsAndHistoryKeysSurvive() throws IOException {
            Path json = folder.resolve("metrics.json");

            MetricsJson.write(json, metrics(), HISTORY);
            Map<String, Object> read = MetricsJson.read(json);

            assertThat(read).containsEntry("test_pit_mae", 0.0654);
            assertThat(read).containsEntry("device", "cpu()");
            assertThat(read).containsEntry("parameters", 1234567.0);
            assertThat(read.keySet())
                    .containsExactly("test_pit_mae", "device", "parameters", "history");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) read.get("history");
            assertThat(history).hasSize(2);
            assertThat(history.get(0)).containsExactly(
                    entry("epoch", 1.0),
                    entry("elapsed_seconds", 65.5),
                    entry("train_loss", 0.12),
                    entry("val_pit_mae", 0.1),
                    entry("val_psnr_db", 17.5),
                    entry("samples_per_second", 812.25));
        }

        @Test
        void historyReadsBackAsEpochResults() throws IOException {
            Path json = folder.resolve("metrics.json");

            MetricsJson.write(json, Map.of(), HISTORY);

            assertThat(MetricsJson.readHistory(json)).isEqualTo(HISTORY);
        }

        @Test
        void nanIsWrittenAsNull() throws IOException {
            Path json = folder.resolve("metrics.json");
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("test_ssim", Double.NaN);
            metrics.put("per_source", List.of(1.5, Double.POSITIVE_INFINITY));
            List<EpochResult> diverged = List.of(new EpochResult(1, 5, Double.NaN, 0.2, 12, 100));

            MetricsJson.write(json, metrics, diverged);

            String text = Files.readString(json);
            assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
            assertThat(text).contains("\"train_loss\": null");
            assertThat(MetricsJson.read(json)).containsEntry("test_ssim", null);
            assertThat(MetricsJson.readHistory(json).get(0).trainLoss()).isNaN();
        }
    }

    @Nested
    class Validation {

        @Test
        void historyKeyInMetricsIsRejected() {
            Path json = folder.resolve("metrics.json");

            assertThatThrownBy(() -> MetricsJson.write(json, Map.of("history", 1), HISTORY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Metrics contain the key \"history\", which is reserved for the"
                            + " epoch list. Rename that metric.");
        }

        @Test
        void malformedFileIsReported() throws IOException {
            Path json = folder.resolve("metrics.json");
            Files.writeString(json, "[1, 2]");

            assertThatThrownBy(() -> MetricsJson.read(json))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("is not a JSON object");
        }
    }

    @Nested
    class AtomicReplace {

        @Test
        void rewriteLeavesOnlyJson() throws IOException {
            Path json = folder.resolve("metrics.json");

            MetricsJson.write(json, metrics(), HISTORY.subList(0, 1));
            MetricsJson.write(json, metrics(), HISTORY);

            assertThat(LossCurveChartTest.folderContents(folder)).containsExactly(json);
            assertThat(MetricsJson.readHistory(json)).hasSize(2);
        }
    }
}
