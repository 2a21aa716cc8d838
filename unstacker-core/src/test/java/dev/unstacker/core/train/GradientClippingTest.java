package dev.unstacker.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.unstacker.core.engine.EngineSetup;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private NDManager manager;
    private Parameter first;
    private Parameter second;

    @BeforeEach
    void createManager() {
        manager = EngineSetup.engine().newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private Parameter parameter(String name, int size) {
        Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray array = manager.zeros(new ai.djl.ndarray.types.Shape(size));
        array.setRequiresGradient(true);
        parameter.setArray(array);
        return parameter;
    }

    /**
     * Makes new parameters {@code first} and {@code second} and gives them the gradients (a, a, a)
     * and (b) by a real backward pass; new ones, because PyTorch adds up gradients across passes.
     */
    private List<Parameter> backward(float a, float b) {
        first = parameter("first", 3);
        second = parameter("second", 1);
        try (GradientCollector collector = EngineSetup.engine().newGradientCollector()) {
            NDArray value = first.getArray().sum().mul(a).add(second.getArray().sum().mul(b));
            collector.backward(value);
        }
        return List.of(first, second);
    }

    private double normAfterClipping() {
        double squared = 0;
        for (Parameter parameter : List.of(first, second)) {
            for (float g : parameter.getArray().getGradient().toFloatArray()) {
                squared += (double) g * g;
            }
        }
        return Math.sqrt(squared);
    }

    @Test
    void measuresGlobalNorm() {
        GradientClipping clipping = new GradientClipping(3);
        // sqrt(3 * 2^2 + 4^2) = sqrt(28)
        assertThat(clipping.apply(backward(2, 4))).isCloseTo(Math.sqrt(28), within(1e-5));
        assertThat(clipping.clippedSteps()).isZero();
    }

    @Test
    void spikeAfterWarmupIsClipped() {
        GradientClipping clipping = new GradientClipping(3);
        for (int i = 0; i < GradientClipping.WARMUP_STEPS; i++) {
            clipping.apply(backward(0, 1));
        }
        assertThat(clipping.meanNorm()).isCloseTo(1, within(1e-6));

        double measured = clipping.apply(backward(0, 100));

        assertThat(measured).isCloseTo(100, within(1e-4));
        assertThat(normAfterClipping()).isCloseTo(3, within(1e-4));
        assertThat(second.getArray().getGradient().getFloat(0)).isPositive();
        assertThat(clipping.clippedSteps()).isEqualTo(1);
        // The mean follows the clipped norm, so one spike moves it only a little.
        assertThat(clipping.meanNorm()).isCloseTo(0.99 + 0.01 * 3, within(1e-6));
    }

    @Test
    void nonFiniteGradientLeavesMeanAlone() {
        GradientClipping clipping = new GradientClipping(3);
        for (int i = 0; i < GradientClipping.WARMUP_STEPS; i++) {
            clipping.apply(backward(0, 1));
        }

        assertThat(clipping.apply(backward(0, Float.NaN))).isNaN();
        assertThat(clipping.apply(backward(0, Float.POSITIVE_INFINITY))).isInfinite();

        assertThat(clipping.meanNorm()).isCloseTo(1, within(1e-6));
        clipping.apply(backward(0, 100));
        assertThat(normAfterClipping()).isCloseTo(3, within(1e-4));
    }

    @Test
    void usualAndWarmupGradientsUnchanged() {
        GradientClipping clipping = new GradientClipping(3);
        clipping.apply(backward(0, 1));
        clipping.apply(backward(0, 50));
        assertThat(normAfterClipping()).isCloseTo(50, within(1e-4));

        for (int i = 2; i < GradientClipping.WARMUP_STEPS + 20; i++) {
            clipping.apply(backward(0, i % 2 == 0 ? 1 : 2));
        }
        assertThat(clipping.clippedSteps()).isZero();
    }

    @Test
    void leavesNoArraysBehind() {
        GradientClipping clipping = new GradientClipping(3);
        List<Parameter> parameters = backward(0, 1);
        int before = manager.getManagedArrays().size();

        for (int i = 0; i < GradientClipping.WARMUP_STEPS + 5; i++) {
            clipping.apply(parameters);
        }

        assertThat(manager.getManagedArrays()).hasSize(before);
        assertThat(second.getArray().getGradient().getFloat(0)).isEqualTo(1f);
    }

    @Test
    void factorMustBeAboveOne() {
        assertThatThrownBy(() -> new GradientClipping(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The clipping factor must be above 1, but was 1.0");
    }

    @Test
    void settingsAcceptZeroOrAboveOne() {
        assertThat(TrainingSettings.builder().build().gradientClipFactor()).isZero();
        assertThat(TrainingSettings.builder().optGradientClipFactor(3).build().gradientClipFactor()).isEqualTo(3);
        assertThatThrownBy(() -> TrainingSettings.builder().optGradientClipFactor(0.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid training settings: gradientClipFactor must be 0 (off) or above 1, but was 0.5");
        assertThatThrownBy(() -> TrainingSettings.builder().optGradientClipFactor(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradientClipFactor")
                .hasMessageContaining("must be 0 (off) or above 1");
    }
}
