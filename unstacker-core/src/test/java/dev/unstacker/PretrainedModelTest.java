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

    /** The project's quality target for test PIT-MAE, in case the stored figure is wrong too. */
    private static final double MAX_TEST_PIT_MAE = 0.027;

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
            }
            double pitMae = total / mixtures.size();
            double cardPitMae = ((Number) unstacker.metrics().get("test_pit_mae")).doubleValue();

            assertThat(unstacker.sourceCount()).isEqualTo(2);
            assertThat(pitMae).isCloseTo(cardPitMae, org.assertj.core.data.Offset.offset(2e-4));
            assertThat(pitMae).isLessThanOrEqualTo(MAX_TEST_PIT_MAE);
        }
    }
}
