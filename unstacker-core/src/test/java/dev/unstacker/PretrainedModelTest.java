package dev.unstacker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstacker.api.Separation;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.mix.MixtureDataset;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled model, checked on the real test mixtures against the figures stored with it. */
class PretrainedModelTest {

    /** The project's quality targets, in case the stored figures are wrong too. */
    private static final double MAX_TEST_PIT_MAE = 0.027;

    private static final double MIN_TEST_PSNR_DB = 26.5;

    @Test
    void bundledModelMatchesCard() throws Exception {
        MixtureDataset test = MixtureSplits.build(FashionMnist.load(), MixtureProtocol.defaults()).test();
        int pixels = test.imageHeight() * test.imageWidth();
        List<float[]> mixtures = new ArrayList<>();
        for (int m = 0; m < test.mixtureCount(); m++) {
            float[] mixture = new float[pixels];
            test.mixtureInto(m, mixture, 0);
            mixtures.add(mixture);
        }

        try (Unstacker unstacker = Unstacker.load(Unstacker.FASHION_MNIST)) {
            List<Separation> separations = unstacker.separatePixels(mixtures);
            // The stored figures assign estimates to sources by the training loss's distance.
            String loss = unstacker.description().loss();
            assertThat(loss).as("training loss that this test can assign by").isIn("l1", "psnr");
            boolean byPsnr = loss.equals("psnr");
            double total = 0;
            double psnrTotal = 0;
            float[] sources = new float[2 * pixels];
            for (int m = 0; m < mixtures.size(); m++) {
                test.sourcesInto(m, sources, 0);
                float[] first = separations.get(m).arrays().get(0);
                float[] second = separations.get(m).arrays().get(1);
                // Pairs in order: first and second against their own sources, then swapped.
                double[][] pairs = {
                    errors(first, sources, 0, pixels), errors(second, sources, pixels, pixels),
                    errors(first, sources, pixels, pixels), errors(second, sources, 0, pixels)
                };
                boolean keep = byPsnr
                        ? shortfall(pairs[0]) + shortfall(pairs[1]) <= shortfall(pairs[2]) + shortfall(pairs[3])
                        : pairs[0][0] + pairs[1][0] <= pairs[2][0] + pairs[3][0];
                int offset = keep ? 0 : 2;
                total += (pairs[offset][0] + pairs[offset + 1][0]) / 2;
                psnrTotal += psnr(pairs[offset]) + psnr(pairs[offset + 1]);
            }
            double pitMae = total / mixtures.size();
            double psnrDb = psnrTotal / (2.0 * mixtures.size());
            double cardPitMae = ((Number) unstacker.metrics().get("test_pit_mae")).doubleValue();
            double cardPsnrDb = ((Number) unstacker.metrics().get("test_psnr_db")).doubleValue();

            assertThat(unstacker.sourceCount()).isEqualTo(2);
            assertThat(pitMae).isCloseTo(cardPitMae, org.assertj.core.data.Offset.offset(2e-4));
            assertThat(pitMae).isLessThanOrEqualTo(MAX_TEST_PIT_MAE);
            assertThat(psnrDb).isCloseTo(cardPsnrDb, org.assertj.core.data.Offset.offset(0.02));
            assertThat(psnrDb).isGreaterThanOrEqualTo(MIN_TEST_PSNR_DB);
        }
    }

    /** Returns the mean absolute and the mean squared error of an estimate against one packed source. */
    private static double[] errors(float[] estimate, float[] sources, int offset, int pixels) {
        double absolute = 0;
        double squared = 0;
        for (int p = 0; p < pixels; p++) {
            double error = estimate[p] - sources[offset + p];
            absolute += Math.abs(error);
            squared += error * error;
        }
        return new double[] {absolute / pixels, squared / pixels};
    }

    /** Returns the PSNR distance of a pair from its mean squared error, as {@code PsnrDistance} computes it. */
    private static double shortfall(double[] errors) {
        return 10 * Math.log10(1 + errors[1] / 1e-4);
    }

    /** Returns the PSNR in dB, peak 1, from a pair's mean squared error. */
    private static double psnr(double[] errors) {
        return 10 * Math.log10(1 / Math.max(errors[1], 1e-10));
    }
}
