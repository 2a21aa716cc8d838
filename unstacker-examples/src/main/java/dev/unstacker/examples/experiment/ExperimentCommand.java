package dev.unstacker.examples.experiment;

import dev.unstacker.core.loss.Distances;
import dev.unstacker.core.mix.MixingSpec;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.model.OutputMode;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.LearningRateSchedule;
import dev.unstacker.core.train.TrainingSettings;
import dev.unstacker.examples.cli.Options;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Parses the options of {@code ./unstacker experiment} and runs the experiment. */
public final class ExperimentCommand {

    static final String HELP = String.join(
            System.lineSeparator(),
            "Usage: ./unstacker experiment [OPTIONS]",
            "",
            "Trains a separator on averaged Fashion-MNIST pairs and writes metrics.json, the model,",
            "loss-curve.png, separations.png, class-pair-psnr.png and index.html to the output folder.",
            "",
            "Options:",
            "  --epochs N          training epochs (default 40)",
            "  --pairs N           mixtures in all three splits together, split 80/10/10 (default 20000)",
            "  --seed N            seed of the splits, the initialization and the shuffling (default 0)",
            "  --out DIR           output folder (default runs/experiment, or runs/dry-run with --dry-run)",
            "  --loss NAME         l1, l2, ssim, cosine or psnr (default l1)",
            "  --sources K         images per mixture, 2 to 8 (default 2)",
            "  --width N           channels at full resolution (default 32)",
            "  --blocks N          residual blocks at the lowest resolution (default 2)",
            "  --output MODE       bounded (estimates add up to the mixture and stay in [0, 1];",
            "                      two sources), consistent (add up to the mixture) or free",
            "                      (default: bounded for two sources, consistent for more)",
            "  --mixing MODE       dynamic (new pairs every epoch) or fixed (default dynamic)",
            "  --schedule NAME     cosine or constant learning rate (default cosine)",
            "  --lr RATE           Adam learning rate (default 0.001)",
            "  --batch N           mixtures per step (default 32)",
            "  --clip FACTOR       clip each step's gradient norm to FACTOR times its running mean,",
            "                      above 1; 0 turns it off (default 0)",
            "  --device NAME       auto, cpu, gpu, gpu:N or mps (default auto: MPS, then CUDA, then CPU)",
            "  --data DIR          folder with the four Fashion-MNIST IDX files (default: UNSTACKER_DATA,",
            "                      then /usr/share/datasets/fashion-mnist, then DJL's download)",
            "  --resume            continue from the last checkpoint in the output folder (from epoch 1",
            "                      if it has none)",
            "  --stop-at MAE       stop after the first epoch whose validation PIT-MAE is at or below MAE",
            "  --init DIR          start from the parameters of a saved model folder (fine-tuning)",
            "  --dry-run           a seconds-long run on 640 mixtures for 1 epoch, to check the setup");

    private static final Set<String> VALUED = Set.of(
            "epochs", "pairs", "seed", "out", "loss", "sources", "width", "blocks", "output", "mixing", "schedule",
            "lr", "batch", "clip", "device", "data", "stop-at", "init");
    private static final Set<String> FLAGS = Set.of("resume", "dry-run", "help");

    private ExperimentCommand() {}

    /**
     * Runs the command.
     *
     * @param args the options
     * @param out where progress and the summary go
     * @return the exit status
     * @throws Exception if the experiment fails
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("experiment", args, VALUED, FLAGS);
        options.requireNoPositional();
        if (options.has("help")) {
            out.println(HELP);
            return 0;
        }
        ExperimentConfig config = configure(options, "./unstacker experiment " + String.join(" ", args));
        new ExperimentRun(config, out).run();
        return 0;
    }

    static ExperimentConfig configure(Options options, String commandLine) {
        boolean dryRun = options.has("dry-run");
        int sources = options.integer("sources", 2);
        MixingSpec mixing = MixingSpec.equal(sources);
        MixtureProtocol protocol = MixtureProtocol.builder()
                .optMixtures(options.integer("pairs", dryRun ? 800 : 20_000))
                .optSeed(options.longValue("seed", 0))
                .optBatchSize(options.integer("batch", 32))
                .optMixing(mixing)
                .optDynamicMixing(parseMixing(options.text("mixing", "dynamic")))
                .build();

        OutputMode output = options.has("output")
                ? parseOutput(options.text("output", "consistent"))
                : SeparatorConfig.defaults(sources).outputMode();
        if (output == OutputMode.BOUNDED && sources != 2) {
            throw new IllegalArgumentException(
                    "--output bounded needs --sources 2, but --sources is " + sources + "; use consistent or free");
        }
        SeparatorConfig model = SeparatorConfig.defaults(sources)
                .withWidth(options.integer("width", SeparatorConfig.DEFAULT_WIDTH))
                .withBottleneckBlocks(options.integer("blocks", SeparatorConfig.DEFAULT_BOTTLENECK_BLOCKS))
                .withOutputMode(output);

        // A dry run gets its own default folder, so its checkpoints do not block a later --resume of the default run.
        Path out = options.path("out") != null ? options.path("out") : Path.of("runs", dryRun ? "dry-run" : "experiment");
        TrainingSettings training = TrainingSettings.builder()
                .optEpochs(options.integer("epochs", dryRun ? 1 : 40))
                .optBatchSize(protocol.batchSize())
                .optLearningRate(options.decimal("lr", 1e-3))
                .optGradientClipFactor(options.decimal("clip", 0))
                .optSchedule(parseSchedule(options.text("schedule", "cosine")))
                .optSeed(protocol.seed())
                .optDistance(Distances.byName(options.text("loss", "l1")))
                .optDevice(options.text("device", "auto"))
                .optCheckpointDirectory(out.resolve("checkpoints"))
                .optResume(options.has("resume"))
                // A progress bar redraws one line, so it is shown only on a terminal, not in a log file.
                .optProgressBar(System.console() != null)
                .optStopAtValidationPitMae(options.decimal("stop-at", 0))
                .optInitialModel(options.path("init"))
                .build();
        return new ExperimentConfig(protocol, model, training, out, options.path("data"), commandLine.trim());
    }

    private static boolean parseMixing(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "dynamic" -> true;
            case "fixed" -> false;
            default -> throw new IllegalArgumentException("Invalid --mixing '" + value + "'; use dynamic or fixed");
        };
    }

    private static OutputMode parseOutput(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bounded" -> OutputMode.BOUNDED;
            case "consistent" -> OutputMode.MIXTURE_CONSISTENT;
            case "free" -> OutputMode.FREE;
            default -> throw new IllegalArgumentException("Invalid --output '" + value + "'; use bounded, consistent or free");
        };
    }

    private static LearningRateSchedule parseSchedule(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "cosine" -> LearningRateSchedule.COSINE;
            case "constant" -> LearningRateSchedule.CONSTANT;
            default -> throw new IllegalArgumentException("Invalid --schedule '" + value + "'; use cosine or constant");
        };
    }
}
