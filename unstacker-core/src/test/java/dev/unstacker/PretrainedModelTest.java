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
            double total = 0;
            double psnrTotal = 0;
            float[] sources = new float[2 * pixels];
            for (int m = 0; m < mixtures.size(); m++) {
                test.sourcesInto(m, sources, 0);
                float[] first = separations.get(m).arrays().get(0);
                float[] second = separations.get(m).arrays().get(1);
                double straight = 0;
                double swapped = 0;
                for (int p = 0; p < pixels; p++) {
                    straight += Math.abs(first[p] - sources[p]) + Math.abs(second[p] - sources[pixels + p]);
                    swapped += Math.abs(first[p] - sources[pixels + p]) + Math.abs(second[p] - sources[p]);
                }
                total += Math.min(straight, swapped) / (2.0 * pixels);
                boolean keep = straight <= swapped;
                psnrTotal += psnr(keep ? first : second, sources, 0, pixels)
                        + psnr(keep ? second : first, sources, pixels, pixels);
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

    /** Returns the PSNR in dB, peak 1, of an estimate against one source within a packed array. */
    private static double psnr(float[] estimate, float[] sources, int offset, int pixels) {
        double squared = 0;
        for (int p = 0; p < pixels; p++) {
            double error = estimate[p] - sources[offset + p];
            squared += error * error;
        }
        return 10 * Math.log10(1 / Math.max(squared / pixels, 1e-10));
    }
}
