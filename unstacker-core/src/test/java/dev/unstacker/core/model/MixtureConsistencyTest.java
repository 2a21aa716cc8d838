package dev.unstacker.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.unstacker.core.engine.EngineSetup;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MixtureConsistencyTest {

    @ParameterizedTest
    @CsvSource({"2, FREE", "2, MIXTURE_CONSISTENT", "2, BOUNDED", "3, MIXTURE_CONSISTENT", "3, BOUNDED", "4, MIXTURE_CONSISTENT"})
    void heapFormMatchesArrayForm(int sources, OutputMode mode) {
        float[] weights = switch (sources) {
            case 2 -> new float[] {0.7f, 0.3f};
            case 3 -> new float[] {0.5f, 0.3f, 0.2f};
            default -> new float[] {0.25f, 0.25f, 0.25f, 0.25f};
        };
        SeparatorConfig config = new SeparatorConfig(sources, weights, 8, 1, mode);
        int count = 3;
        int pixels = 6 * 5;
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            // Estimates reach beyond [0, 1], so the bound clamps some pixels at both ends.
            NDArray estimates = manager.randomUniform(-0.5f, 1.5f, new Shape(count, sources, 6, 5));
            NDArray mixture = manager.randomUniform(0f, 1f, new Shape(count, 1, 6, 5));

            float[] expected = MixtureConsistency.apply(config, estimates, mixture).toFloatArray();
            float[] actual = estimates.toFloatArray();
            MixtureConsistency.apply(config, actual, mixture.toFloatArray(), pixels);

            assertThat(actual).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], Offset.offset(1e-6f));
            }
        }
    }
}
