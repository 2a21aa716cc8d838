package dev.unstacker.examples.evaluate;

import ai.djl.ndarray.NDManager;
import dev.unstacker.Unstacker;
import dev.unstacker.api.ImageDistance;
import dev.unstacker.api.Separation;
import dev.unstacker.api.UnstackerException;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.eval.EvaluationResult;
import dev.unstacker.core.eval.MixtureBatch;
import dev.unstacker.core.eval.SeparationEvaluator;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.loss.Distances;
import dev.unstacker.core.mix.MixingSpec;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.examples.cli.MixingText;
import dev.unstacker.examples.cli.Options;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores a saved or the bundled model on the test mixtures of the default protocol (seed 0), through
 * the same public API that applications use, beside the mixture baseline.
 */
public final class EvaluateCommand {

    static final String HELP = String.join(
            System.lineSeparator(),
            "Usage: ./unstacker evaluate [OPTIONS]",
            "",
            "Scores a model on the default protocol's 2,000 test mixtures: PIT-MAE, PSNR and SSIM,",
            "beside the mixture baseline, and the separation throughput.",
            "",
            "Options:",
            "  --model DIR   a model folder (default: the bundled fashion-mnist model)",
            "  --data DIR    folder with the four Fashion-MNIST files (default: UNSTACKER_DATA, then",
            "                /usr/share/datasets/fashion-mnist; a folder without them is skipped with a warning)",
            "  --seed N      seed of the mixture grouping (default 0, the protocol's)");

    private static final Set<String> VALUED = Set.of("model", "data", "seed");
    private static final Set<String> FLAGS = Set.of("help");

    private EvaluateCommand() {}

    /**
     * Runs the command.
     *
     * @param args the options after the command name
     * @param out the stream for the scores
     * @return 0 on success, 2 for invalid usage
     * @throws Exception if the data or the model cannot be loaded
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse("evaluate", args, VALUED, FLAGS);
        if (options.has("help")) {
            out.println(HELP);
            return 0;
        }
        options.requireNoPositional();
        FashionMnist data = options.path("data") == null ? FashionMnist.load() : FashionMnist.load(options.path("data"));
        try (Unstacker unstacker = Unstacker.load(options.text("model", Unstacker.FASHION_MNIST))) {
            ModelDescription description = unstacker.description();
            if (description.imageHeight() != data.test().height() || description.imageWidth() != data.test().width()) {
                throw new UnstackerException("The model separates " + description.imageHeight() + "x"
                        + description.imageWidth() + " images, but the Fashion-MNIST test mixtures are "
                        + data.test().height() + "x" + data.test().width() + "; evaluate a model trained on them");
            }
            float[] weights = description.config().weights();
            double[] mixingWeights = new double[weights.length];
            for (int i = 0; i < weights.length; i++) {
                // Through the float's shortest decimal form, so 0.3f mixes as 0.3, as in training.
                mixingWeights[i] = Double.parseDouble(Float.toString(weights[i]));
            }
            MixtureProtocol protocol = MixtureProtocol.builder()
                    .optSeed(options.longValue("seed", 0))
                    .optMixing(MixingSpec.of(weights.length, mixingWeights))
                    .build();
            MixtureBatch batch = MixtureBatch.from(MixtureSplits.build(data, protocol).test());
            List<float[]> mixtures = new ArrayList<>(batch.mixtures());
            for (int m = 0; m < batch.mixtures(); m++) {
                mixtures.add(batch.mixture(m));
            }

            out.printf(Locale.ROOT, "Test mixtures: %d of %d sources weighted %s, seed %d%n", batch.mixtures(),
                    batch.sources(), MixingText.weights(protocol.mixing()), protocol.seed());
            SeparationEvaluator evaluator = new SeparationEvaluator(assignmentDistance(description.loss(), out), 256);
            try (NDManager manager = EngineSetup.engine().newBaseManager()) {
                print(out, "mixture baseline", evaluator.evaluateMixtureBaseline(manager, batch), Double.NaN);
                long start = System.nanoTime();
                List<Separation> separations = unstacker.separatePixels(mixtures);
                double seconds = (System.nanoTime() - start) / 1e9;
                EvaluationResult result = evaluator.score(manager, batch, estimates(separations, batch));
                print(out, "model", result, batch.mixtures() / seconds);
            }
        }
        return 0;
    }

    /**
     * Returns the model's training distance, which decides the assignment of estimates to sources,
     * or L1 for a user-written loss that this command cannot construct.
     */
    private static ImageDistance assignmentDistance(String loss, PrintStream out) {
        if (loss != null && Distances.NAMES.contains(loss)) {
            return Distances.byName(loss);
        }
        out.println("The model was trained with the loss '" + loss + "', which is not built in; "
                + "estimates are assigned to sources by L1 distance instead.");
        return Distances.byName("l1");
    }

    private static float[] estimates(List<Separation> separations, MixtureBatch batch) {
        int pixels = batch.pixels();
        float[] all = new float[batch.mixtures() * batch.sources() * pixels];
        for (int m = 0; m < separations.size(); m++) {
            List<float[]> arrays = separations.get(m).arrays();
            for (int s = 0; s < arrays.size(); s++) {
                System.arraycopy(arrays.get(s), 0, all, (m * batch.sources() + s) * pixels, pixels);
            }
        }
        return all;
    }

    private static void print(PrintStream out, String name, EvaluationResult result, double perSecond) {
        out.printf(Locale.ROOT, "%-16s PIT-MAE %.4f  PSNR %.2f dB  SSIM %.4f%s%n", name, result.meanPitMae(),
                result.meanPsnrDb(), result.meanSsim(),
                Double.isNaN(perSecond) ? "" : String.format(Locale.ROOT, "  (%.0f mixtures/s)", perSecond));
    }
}
