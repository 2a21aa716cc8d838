package dev.unstacker.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.unstacker.core.engine.EngineSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayersTest {

    @Test
    void channelsLastViewKeepsShapeAndValues() {
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            NDArray mixture = manager.arange(0f, 24f).reshape(2, 1, 3, 4);

            NDArray view = Layers.channelsLast(mixture);

            assertThat(view.getShape()).isEqualTo(new Shape(2, 1, 3, 4));
            assertThat(view.toFloatArray()).isEqualTo(mixture.toFloatArray());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void upsampleRepeatsEachPixelTwice(boolean channelsLast) {
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            // Channel 0 contains 0..3 and channel 1 contains 10..13, stored in the memory order under test.
            NDArray x = channelsLast
                    ? manager.create(new float[] {0, 10, 1, 11, 2, 12, 3, 13}, new Shape(1, 2, 2, 2)).transpose(0, 3, 1, 2)
                    : manager.create(new float[] {0, 1, 2, 3, 10, 11, 12, 13}, new Shape(1, 2, 2, 2));

            NDArray up = Layers.upsample2x(x, channelsLast);

            assertThat(up.getShape()).isEqualTo(new Shape(1, 2, 4, 4));
            assertThat(up.toFloatArray()).containsExactly(
                    0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3,
                    10, 10, 11, 11, 10, 10, 11, 11, 12, 12, 13, 13, 12, 12, 13, 13);
        }
    }
}
