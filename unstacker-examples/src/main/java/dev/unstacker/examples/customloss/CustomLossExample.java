package dev.unstacker.examples.customloss;

import dev.unstacker.Unstacker;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.TrainingSettings;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Trains a small separator with {@link EdgeAwareL1Distance} and saves it. Run it with
 * {@code ./unstacker custom-loss [OUTPUT_FOLDER]}.
 */
public final class CustomLossExample {

    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ./unstacker custom-loss [OUTPUT_FOLDER]",
            "",
            "Trains a small separator (width 16, 4,000 mixtures, 2 epochs) with a user-written loss,",
            "L1 plus an edge term, and saves it to OUTPUT_FOLDER (default runs/custom-loss).");

    private CustomLossExample() {}

    /**
     * Trains for two epochs on 4,000 mixtures and saves the model.
     *
     * @param output the folder to save the model to
     * @return the trained unstacker; the caller closes it
     * @throws Exception if data or checkpoints fail
     */
    public static Unstacker train(Path output) throws Exception {
        Unstacker unstacker = Unstacker.builder()
                .optProtocol(MixtureProtocol.builder().optMixtures(4000).optDynamicMixing(true).build())
                .optModel(SeparatorConfig.defaults(2).withWidth(16).withBottleneckBlocks(1))
                .optLoss(new EdgeAwareL1Distance(0.5f))
                .optTraining(TrainingSettings.builder().optEpochs(2).optProgressBar(System.console() != null).build())
                .train();
        unstacker.save(output);
        return unstacker;
    }

    /**
     * Runs the example as the {@code custom-loss} command.
     *
     * @param args an optional output folder, default {@code runs/custom-loss}, or {@code --help}
     * @param out where the result goes
     * @return the exit status, 0
     * @throws IllegalArgumentException if more than one argument or an unknown option is given
     * @throws Exception if training or saving fails
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            throw new IllegalArgumentException("custom-loss takes at most one argument, the output folder, but got "
                    + String.join(" ", args) + System.lineSeparator() + USAGE);
        }
        Path output = Path.of(args.length > 0 ? args[0] : "runs/custom-loss");
        try (Unstacker unstacker = train(output)) {
            out.println("Saved " + unstacker + " to " + output.toAbsolutePath());
            out.println("Validation metrics: " + unstacker.metrics());
        }
        return 0;
    }

    /**
     * Runs the example outside the launcher.
     *
     * @param args an optional output folder, default {@code runs/custom-loss}
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }
}
