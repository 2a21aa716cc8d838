package dev.unstacker.examples.experiment;

import dev.unstacker.api.EpochResult;
import dev.unstacker.api.TrainingObserver;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.eval.EvaluationResult;
import dev.unstacker.core.eval.MixtureBatch;
import dev.unstacker.core.mix.MixtureDataset;
import dev.unstacker.examples.cli.ResidentMemory;
import dev.unstacker.examples.report.ClassPairHeatMap;
import dev.unstacker.examples.report.ClassPairTable;
import dev.unstacker.examples.report.GridRow;
import dev.unstacker.examples.report.LossCurveChart;
import dev.unstacker.examples.report.MetricsJson;
import dev.unstacker.examples.report.ReportContent;
import dev.unstacker.examples.report.ReportPage;
import dev.unstacker.examples.report.SeparationGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the experiment's output folder: after every epoch the loss curve, {@code metrics.json} and
 * {@code index.html}, so a long run can be watched; at the end the test figures and final metrics.
 */
final class ExperimentReport implements TrainingObserver {

    /** Test mixtures shown in {@code separations.png}. */
    private static final int GRID_ROWS = 8;

    private final Path folder;
    private final ExperimentConfig config;
    private final List<EpochResult> history = new ArrayList<>();
    private final List<Double> residentMib = new ArrayList<>();
    private final List<Double> peakResidentMib = new ArrayList<>();
    private ClassPairTable classPairs;

    ExperimentReport(Path folder, ExperimentConfig config) {
        this.folder = folder;
        this.config = config;
    }

    @Override
    public void onResume(List<EpochResult> completed) {
        history.addAll(completed);
        for (int i = 0; i < completed.size(); i++) {
            residentMib.add(Double.NaN);
            peakResidentMib.add(Double.NaN);
        }
    }

    @Override
    public void onEpoch(EpochResult result) {
        history.add(result);
        residentMib.add(ResidentMemory.currentMib());
        peakResidentMib.add(ResidentMemory.peakMib());
        try {
            LossCurveChart.write(history, folder.resolve(ReportPage.LOSS_CURVE));
            MetricsJson.write(folder.resolve("metrics.json"), memoryMetrics(), history);
            ReportPage.write(folder.resolve("index.html"), page(true, Map.of()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report in " + folder, e);
        }
    }

    /** Draws the separation grid and, for two sources, the class-pair PSNR heat map. */
    void writeFigures(MixtureBatch batch, MixtureDataset test, EvaluationResult result, Map<String, Object> metrics)
            throws IOException {
        int k = batch.sources();
        int pixels = batch.pixels();
        List<GridRow> rows = new ArrayList<>();
        for (int m = 0; m < Math.min(GRID_ROWS, batch.mixtures()); m++) {
            List<float[]> sources = new ArrayList<>();
            List<float[]> estimates = new ArrayList<>();
            float[] psnr = new float[k];
            for (int s = 0; s < k; s++) {
                sources.add(batch.source(m, s));
                estimates.add(result.alignedEstimate(m, s, pixels));
                psnr[s] = result.psnrDb(m, s);
            }
            rows.add(new GridRow(batch.mixture(m), sources, estimates, test.sourceLabels(m), psnr));
        }
        SeparationGrid.write(folder.resolve(ReportPage.SEPARATIONS), rows, batch.height(), batch.width(), k,
                FashionMnist.CLASS_NAMES);

        // NOTE: the class-pair table covers two sources only; runs with K > 2 skip the heat map.
        if (k == 2) {
            int n = batch.mixtures();
            int[] first = new int[n];
            int[] second = new int[n];
            float[] pairPsnr = new float[n];
            for (int m = 0; m < n; m++) {
                int[] labels = test.sourceLabels(m);
                first[m] = labels[0];
                second[m] = labels[1];
                pairPsnr[m] = (result.psnrDb(m, 0) + result.psnrDb(m, 1)) / 2;
            }
            classPairs = ClassPairHeatMap.tabulate(first, second, pairPsnr, FashionMnist.CLASS_NAMES.size());
            ClassPairHeatMap.write(folder.resolve(ReportPage.CLASS_PAIR_PSNR), classPairs, FashionMnist.CLASS_NAMES);
            metrics.put("same_class_psnr_db", classPairs.sameClassMean());
            metrics.put("different_class_psnr_db", classPairs.differentClassMean());
        }
    }

    /** Writes the final metrics and the finished page. */
    void finish(Map<String, Object> metrics) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(metrics);
        all.putAll(memoryMetrics());
        MetricsJson.write(folder.resolve("metrics.json"), all, history);
        ReportPage.write(folder.resolve("index.html"), page(false, metrics).build());
    }

    private Map<String, Object> memoryMetrics() {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("command", config.commandLine());
        memory.put("resident_mib_by_epoch", residentMib);
        memory.put("peak_resident_mib_by_epoch", peakResidentMib);
        return memory;
    }

    private ReportContent.Builder page(boolean running, Map<String, Object> metrics) {
        ReportContent.Builder page = ReportContent.builder()
                .setTitle("Unstacker: Fashion-MNIST separation")
                .setEpochsPlanned(config.training().epochs())
                .setHistory(history)
                .optRunning(running);
        if (!history.isEmpty()) {
            page.optElapsedSeconds(history.get(history.size() - 1).elapsedSeconds());
        }
        if (metrics.containsKey("test_pit_mae")) {
            page.optTestMetrics(number(metrics, "test_pit_mae"), number(metrics, "test_psnr_db"), number(metrics, "test_ssim"))
                    .optBaseline(number(metrics, "mixture_baseline_pit_mae"), number(metrics, "mixture_baseline_psnr_db"))
                    .optDevice(String.valueOf(metrics.get("device")))
                    .optParameters(((Number) metrics.get("parameters")).longValue())
                    .optTrainSamplesPerSecond(number(metrics, "train_samples_per_second"))
                    .optBestEpoch(((Number) metrics.get("best_epoch")).intValue());
        }
        if (classPairs != null) {
            page.optClassPairs(classPairs, FashionMnist.CLASS_NAMES);
        }
        return page;
    }

    private static double number(Map<String, Object> metrics, String key) {
        return ((Number) metrics.get(key)).doubleValue();
    }
}
