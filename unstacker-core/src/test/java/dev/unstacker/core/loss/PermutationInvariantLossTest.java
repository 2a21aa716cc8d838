package dev.unstacker.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.unstacker.api.ImageDistance;
import dev.unstacker.core.engine.EngineSetup;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermutationInvariantLossTest {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = EngineSetup.engine().newBaseManager();
        EngineSetup.engine().setRandomSeed(3);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    static Stream<ImageDistance> distances() {
        return Stream.of(new L1Distance(), new L2Distance(), new SsimDistance(), new CosineDistance(),
                new PsnrDistance());
    }

    private NDArray images(int n, int k) {
        return manager.randomUniform(0, 1, new Shape(n, k, 28, 28));
    }

    /** Reverses the source axis of an (N, K, H, W) array. */
    private NDArray reversedSources(NDArray sources) {
        int k = (int) sources.getShape().get(1);
        NDList parts = new NDList();
        for (int s = k - 1; s >= 0; s--) {
            parts.add(sources.get(":, " + s + ":" + (s + 1)));
        }
        return NDArrays.concat(parts, 1);
    }

    @Nested
    class Order {

        @ParameterizedTest
        @ValueSource(ints = {2, 3, 4, 6})
        void lossIgnoresSourceOrder(int k) {
            PermutationInvariantLoss loss = new PermutationInvariantLoss(new L1Distance());
            NDArray estimates = images(8, k);
            NDArray sources = images(8, k);

            float straight = loss.evaluate(new NDList(sources), new NDList(estimates)).getFloat();
            float reversed = loss.evaluate(new NDList(reversedSources(sources)), new NDList(estimates)).getFloat();

            assertThat(reversed).isCloseTo(straight, org.assertj.core.data.Offset.offset(1e-6f));
        }

        @Test
        void swappedEstimatesCostNothingExtra() {
            PermutationInvariantLoss loss = new PermutationInvariantLoss(new L1Distance());
            NDArray sources = images(4, 2);
            float loss0 = loss.evaluate(new NDList(sources), new NDList(reversedSources(sources))).getFloat();
            assertThat(loss0).isEqualTo(0f);
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 3, 4, 5})
        void exhaustiveAndHungarianGiveTheSameLoss(int k) {
            NDArray estimates = images(16, k);
            NDArray sources = images(16, k);
            NDArray costs = PairwiseDistances.matrix(new L1Distance(), estimates, sources);
            float[] values = costs.toFloatArray();
            for (int m = 0; m < 16; m++) {
                int[] a = new ExhaustiveAssignment().solve(values, m * k * k, k);
                int[] b = new HungarianAssignment().solve(values, m * k * k, k);
                double costA = 0;
                double costB = 0;
                for (int e = 0; e < k; e++) {
                    costA += values[m * k * k + e * k + a[e]];
                    costB += values[m * k * k + e * k + b[e]];
                }
                assertThat(costB).isCloseTo(costA, org.assertj.core.data.Offset.offset(1e-6));
            }
        }

        @Test
        void perMixtureLossesMatchTheBestAssignment() {
            PermutationInvariantLoss loss = new PermutationInvariantLoss(new L1Distance());
            NDArray estimates = images(6, 2);
            NDArray sources = images(6, 2);
            PermutationInvariantLoss.Assigned assigned = loss.perMixture(estimates, sources);
            float[] costs = PairwiseDistances.matrix(new L1Distance(), estimates, sources).toFloatArray();
            float[] losses = assigned.losses().toFloatArray();
            for (int m = 0; m < 6; m++) {
                float straight = (costs[m * 4] + costs[m * 4 + 3]) / 2;
                float swapped = (costs[m * 4 + 1] + costs[m * 4 + 2]) / 2;
                assertThat(losses[m]).isCloseTo(Math.min(straight, swapped), org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Nested
    class Stability {

        @ParameterizedTest
        @MethodSource("dev.unstacker.core.loss.PermutationInvariantLossTest#distances")
        void distancesAreFiniteOnBlackConstantAndEqualImages(ImageDistance distance) {
            NDArray black = manager.zeros(new Shape(3, 1, 28, 28));
            NDArray gray = manager.ones(new Shape(3, 1, 28, 28)).mul(0.5f);
            NDArray noise = manager.randomUniform(0, 1, new Shape(3, 1, 28, 28));
            for (NDArray[] pair : List.of(
                    new NDArray[] {black, black}, new NDArray[] {black, gray}, new NDArray[] {gray, gray},
                    new NDArray[] {noise, noise}, new NDArray[] {gray, black})) {
                float[] values = distance.compute(pair[0], pair[1]).toFloatArray();
                assertThat(values).hasSize(3);
                for (float value : values) {
                    assertThat(Float.isFinite(value)).as(distance + " on " + pair[0].getShape()).isTrue();
                }
            }
            for (float value : distance.compute(noise, noise).toFloatArray()) {
                assertThat(value).as(distance + " of an image to itself").isLessThan(1e-4f);
            }
            for (float value : distance.compute(black, black).toFloatArray()) {
                assertThat(value).as(distance + " of black to black").isLessThan(1e-4f);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.unstacker.core.loss.PermutationInvariantLossTest#distances")
        void gradientsAreFiniteWhereEstimateEqualsSource(ImageDistance distance) {
            NDArray sources = manager.zeros(new Shape(2, 2, 28, 28));
            NDArray estimates = manager.zeros(new Shape(2, 2, 28, 28));
            estimates.setRequiresGradient(true);
            try (GradientCollector collector = EngineSetup.engine().newGradientCollector()) {
                NDArray value = new PermutationInvariantLoss(distance).evaluate(new NDList(sources), new NDList(estimates));
                collector.backward(value);
                assertThat(Float.isFinite(value.getFloat())).isTrue();
            }
            for (float g : estimates.getGradient().toFloatArray()) {
                assertThat(Float.isFinite(g)).isTrue();
            }
        }
    }

    @Test
    void psnrDistanceIsShortfallFromCeiling() {
        NDArray sources = manager.randomUniform(0, 0.5f, new Shape(2, 1, 28, 28));
        NDArray offsets = manager.create(new float[] {0.1f, 0.001f}).reshape(2, 1, 1, 1);
        float[] values = new PsnrDistance().compute(sources.add(offsets), sources).toFloatArray();
        // An offset of 0.1 is 20 dB, far below the ceiling. An offset of 0.001 is 60 dB, far above it.
        assertThat(values[0]).isCloseTo((float) (10 * Math.log10(1 + 0.01 / 1e-4)), within(1e-3f));
        assertThat(values[0]).isCloseTo(20f, within(0.05f));
        assertThat(values[1]).isCloseTo((float) (10 * Math.log10(1 + 1e-6 / 1e-4)), within(1e-3f));
        assertThat(Distances.byName("PSNR")).isInstanceOf(PsnrDistance.class);
    }

    @Test
    void rejectsMismatchedShapes() {
        PermutationInvariantLoss loss = new PermutationInvariantLoss(new L1Distance());
        assertThatThrownBy(() -> loss.perMixture(images(2, 2), images(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(N, K, H, W)")
                .hasMessageContaining("(2, 3, 28, 28)");
    }

    @Test
    void ssimRejectsImagesSmallerThanItsWindow() {
        NDArray small = manager.zeros(new Shape(2, 1, 8, 28));
        assertThatThrownBy(() -> SsimDistance.ssim(small, small))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSIM needs two image batches of the same shape (M, 1, H, W) with H and W at least 11, "
                        + "but got (2, 1, 8, 28) and (2, 1, 8, 28)");
    }

    @Test
    void rejectsUnknownLossNames() {
        assertThatThrownBy(() -> Distances.byName("huber"))
                .hasMessage("Unknown loss 'huber'; the built-in losses are l1, l2, ssim, cosine, psnr, or pass your own ImageDistance");
    }
}
