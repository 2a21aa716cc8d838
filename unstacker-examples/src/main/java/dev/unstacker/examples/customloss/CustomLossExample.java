package dev.unstacker.examples.customloss;

import dev.unstacker.Unstacker;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.TrainingSettings;
import java.nio.file.Path;

/**
 * Trains a small separator with {@link EdgeAwareL1Distance} and saves it. Run it with
 * {@code ./unstacker custom-loss [OUTPUT_FOLDER]}.
 */
public final class CustomLossExample {

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
                .optTraining(TrainingSettings.builder().optEpochs(2).build())
                .train();
        unstacker.save(output);
        return unstacker;
    }

    /**
     * Runs the example.
     *
     * @param args an optional output folder, default {@code runs/custom-loss}
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "runs/custom-loss");
        try (Unstacker unstacker = train(output)) {
            System.out.println("Saved " + unstacker + " to " + output.toAbsolutePath());
            System.out.println("Validation metrics: " + unstacker.metrics());
        }
    }
}
