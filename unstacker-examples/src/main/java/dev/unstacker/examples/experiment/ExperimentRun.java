package dev.unstacker.examples.experiment;

import ai.djl.ndarray.NDManager;
import dev.unstacker.api.EpochResult;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.eval.EvaluationResult;
import dev.unstacker.core.eval.MixtureBatch;
import dev.unstacker.core.eval.SeparationEvaluator;
import dev.unstacker.core.io.ModelFolder;
import dev.unstacker.core.mix.MixingSpec;
import dev.unstacker.core.mix.MixtureDataset;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.core.train.SeparatorTrainer;
import dev.unstacker.core.train.TrainingOutcome;
import dev.unstacker.examples.cli.MixingText;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of the experiment: load data, train, evaluate on the test split, write every output. */
final class ExperimentRun {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRun.class);

    /** The validation PIT-MAE whose first crossing is reported as the time to target. */
    static final double TARGET_PIT_MAE = 0.05;

    private final ExperimentConfig config;
    private final PrintStream out;

    ExperimentRun(ExperimentConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    void run() throws Exception {
        Path folder = config.outputDirectory();
        Files.createDirectories(folder);
        FashionMnist data = config.dataDirectory() == null ? FashionMnist.load() : FashionMnist.load(config.dataDirectory());
        MixtureSplits splits = MixtureSplits.build(data, config.protocol());
        out.printf(Locale.ROOT, "Mixtures: train %d, validation %d, test %d; %s%n",
                splits.train().mixtureCount(), splits.validation().mixtureCount(), splits.test().mixtureCount(),
                describe(config.protocol()));

        ExperimentReport report = new ExperimentReport(folder, config);
        try (TrainingOutcome outcome = new SeparatorTrainer(config.training()).train(config.model(), splits, List.of(report))) {
            Map<String, Object> metrics = evaluate(outcome, splits.test(), report);
            outcome.description().metrics().putAll(metrics);
            outcome.description().provenance().put("command", config.commandLine());
            outcome.description().provenance().put("protocol", config.protocol().toString());
            outcome.description().provenance().put("training", config.training().toString());
            ModelFolder.save(folder.resolve("model"), outcome.block(), outcome.description());
            report.finish(metrics);
            printSummary(metrics, folder);
        }
    }

    /** Describes how the mixtures are made, for the first line of the command's output. */
    static String describe(MixtureProtocol protocol) {
        MixingSpec mixing = protocol.mixing();
        return String.format(Locale.ROOT, "%d sources weighted %s, seed %d, batch %d, %s", mixing.sourceCount(),
                MixingText.weights(mixing),
                protocol.seed(), protocol.batchSize(),
                protocol.dynamicMixing() ? "new training pairs every epoch" : "fixed training pairs");
    }

    private Map<String, Object> evaluate(TrainingOutcome outcome, MixtureDataset test, ExperimentReport report)
            throws java.io.IOException {
        MixtureBatch batch = MixtureBatch.from(test);
        SeparationEvaluator evaluator = new SeparationEvaluator(config.training().distance(), 256);
        EvaluationResult model;
        EvaluationResult baseline;
        try (NDManager scope = outcome.model().getNDManager().newSubManager()) {
            model = evaluator.evaluate(outcome.block(), scope, batch);
            baseline = evaluator.evaluateMixtureBaseline(scope, batch);
        }

        List<EpochResult> history = outcome.history();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test_pit_mae", model.meanPitMae());
        metrics.put("test_psnr_db", model.meanPsnrDb());
        metrics.put("test_ssim", model.meanSsim());
        metrics.put("mixture_baseline_pit_mae", baseline.meanPitMae());
        metrics.put("mixture_baseline_psnr_db", baseline.meanPsnrDb());
        metrics.put("mixture_baseline_ssim", baseline.meanSsim());
        metrics.put("test_mixtures", model.mixtures());
        metrics.put("best_epoch", outcome.bestEpoch());
        metrics.put("device", outcome.device().toString());
        metrics.put("parameters", outcome.parameterCount());
        // The median, so an epoch slowed by other work on the machine does not skew the figure.
        metrics.put("train_samples_per_second", median(history.stream().mapToDouble(EpochResult::samplesPerSecond).toArray()));
        history.stream()
                .filter(epoch -> epoch.validationPitMae() <= TARGET_PIT_MAE)
                .findFirst()
                .ifPresent(epoch -> metrics.put("seconds_to_validation_pit_mae_0_05", epoch.elapsedSeconds()));
        metrics.put("loss", config.training().distance().name());
        metrics.put("output_mode", config.model().outputMode().name());
        metrics.put("dynamic_mixing", config.protocol().dynamicMixing());

        report.writeFigures(batch, test, model, metrics);
        LOG.info("Test PIT-MAE {}, PSNR {} dB, SSIM {} (mixture baseline PIT-MAE {})",
                format(model.meanPitMae()), format(model.meanPsnrDb()), format(model.meanSsim()), format(baseline.meanPitMae()));
        return metrics;
    }

    private void printSummary(Map<String, Object> metrics, Path folder) {
        out.printf(Locale.ROOT, "Test PIT-MAE %.4f, PSNR %.2f dB, SSIM %.4f; mixture baseline PIT-MAE %.4f%n",
                metrics.get("test_pit_mae"), metrics.get("test_psnr_db"), metrics.get("test_ssim"),
                metrics.get("mixture_baseline_pit_mae"));
        out.println("Results: " + folder.resolve("index.html").toAbsolutePath());
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
