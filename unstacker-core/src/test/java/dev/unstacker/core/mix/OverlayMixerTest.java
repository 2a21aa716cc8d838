package dev.unstacker.core.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.data.ImageSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OverlayMixerTest {

    private static ImageSet images;

    @BeforeAll
    static void loadData() throws Exception {
        images = FashionMnist.load().test();
    }

    /** Computes Σ wᵢ·Sᵢ pixel by pixel, in float in source order, straight from the raw bytes. */
    private static float[] expectedMixture(double[] weights, int... indices) {
        float[] expected = new float[784];
        for (int p = 0; p < expected.length; p++) {
            float sum = 0f;
            for (int k = 0; k < indices.length; k++) {
                sum += (float) weights[k] * (images.pixel(indices[k], p) / 255f);
            }
            expected[p] = sum;
        }
        return expected;
    }

    @Nested
    class Formula {

        @Test
        void twoSourcesMatchWeightedSumExactly() {
            double[] weights = {0.7, 0.3};
            OverlayMixer mixer = new OverlayMixer(MixingSpec.of(2, weights));

            float[] mixture = mixer.mix(images, 17, 4_242);

            assertThat(mixture).containsExactly(expectedMixture(weights, 17, 4_242));
        }

        @Test
        void threeSourcesMatchWeightedSumExactly() {
            double[] weights = {0.5, 0.3, 0.2};
            OverlayMixer mixer = new OverlayMixer(MixingSpec.of(3, weights));

            float[] mixture = mixer.mix(images, 3, 999, 9_998);

            assertThat(mixture).containsExactly(expectedMixture(weights, 3, 999, 9_998));
        }

        @Test
        void equalWeightsGiveTheAverage() {
            OverlayMixer mixer = new OverlayMixer(MixingSpec.defaults());

            float[] mixture = mixer.mix(images, 0, 1);

            for (int p = 0; p < mixture.length; p++) {
                double average = (images.pixel(0, p) + images.pixel(1, p)) / 2.0 / 255.0;
                assertThat((double) mixture[p]).isCloseTo(average, within(1e-6));
            }
        }

        @Test
        void mixtureIsWrittenAtOffset() {
            OverlayMixer mixer = new OverlayMixer(MixingSpec.defaults());
            float[] out = new float[2 * 784];
            int[] indices = {5, 8, 13, 21};

            mixer.mixInto(images, indices, 2, out, 784);

            assertThat(out).startsWith(new float[784]);
            assertThat(java.util.Arrays.copyOfRange(out, 784, 2 * 784)).containsExactly(mixer.mix(images, 13, 21));
        }
    }

    @Nested
    class Sources {

        @Test
        void sourcesAreWrittenInOrder() {
            OverlayMixer mixer = new OverlayMixer(MixingSpec.equal(3));
            float[] out = new float[3 * 784];
            float[] second = new float[784];
            images.copyPixels(700, second, 0);

            mixer.sourcesInto(images, new int[] {600, 700, 800}, 0, out, 0);

            assertThat(java.util.Arrays.copyOfRange(out, 784, 2 * 784)).containsExactly(second);
        }

        @Test
        void wrongIndexCountIsRejected() {
            OverlayMixer mixer = new OverlayMixer(MixingSpec.equal(3));

            assertThatThrownBy(() -> mixer.mix(images, 1, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Expected 3 source indices, one per source, but got 2.");
        }
    }
}
