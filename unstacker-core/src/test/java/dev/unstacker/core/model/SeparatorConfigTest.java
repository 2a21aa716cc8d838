package dev.unstacker.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeparatorConfigTest {

    @Test
    void defaultsAreAccepted() {
        SeparatorConfig config = SeparatorConfig.defaults(2);

        assertThat(config.width()).isEqualTo(SeparatorConfig.DEFAULT_WIDTH);
        assertThat(config.outputMode()).isEqualTo(OutputMode.BOUNDED);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 3, 257, 100_000})
    void widthOutOfRangeIsRejected(int width) {
        assertThatThrownBy(() -> SeparatorConfig.defaults(2).withWidth(width))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid model settings: width = " + width + "; expected 4 to 256");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 17})
    void blocksOutOfRangeAreRejected(int blocks) {
        assertThatThrownBy(() -> SeparatorConfig.defaults(2).withBottleneckBlocks(blocks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid model settings: bottleneckBlocks = " + blocks + "; expected 1 to 16");
    }

    @Test
    void oneSourceIsRejected() {
        assertThatThrownBy(() -> SeparatorConfig.defaults(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid model settings: sources = 1; expected 2 to 8");
    }

    @Test
    void nullOutputModeIsRejected() {
        assertThatThrownBy(() -> SeparatorConfig.defaults(2).withOutputMode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid model settings: outputMode must not be null; use one of "
                        + "[FREE, MIXTURE_CONSISTENT, BOUNDED]");
    }

    @Test
    void weightsOfAnotherCountAreRejected() {
        assertThatThrownBy(() -> new SeparatorConfig(3, new float[] {0.5f, 0.5f}, 32, 2, OutputMode.FREE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid model settings: weights must have one value per source (3), but got 2 values");
    }

    @Test
    void weightsMustBePositiveAndSumToOne() {
        assertThatThrownBy(() -> new SeparatorConfig(2, new float[] {1.5f, -0.5f}, 32, 2, OutputMode.FREE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid model settings: weights = [1.5, -0.5]; expected positive, finite weights summing to 1");
        assertThatThrownBy(() -> SeparatorConfig.defaults(2).withWeights(new float[] {0.5f, 0.6f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid model settings: weights = [0.5, 0.6] sum to 1.1");
        assertThatThrownBy(() -> SeparatorConfig.defaults(2).withWeights(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid model settings: weights must not be null");
    }

    @Test
    void weightsAreCopied() {
        float[] weights = {0.25f, 0.75f};
        SeparatorConfig config = new SeparatorConfig(2, weights, 32, 2, OutputMode.FREE);
        weights[0] = 0.9f;

        assertThat(config.weights()).containsExactly(0.25f, 0.75f);
    }
}
