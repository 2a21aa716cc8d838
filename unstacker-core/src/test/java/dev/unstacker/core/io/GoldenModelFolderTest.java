package dev.unstacker.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.unstacker.core.engine.EngineSetup;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model folder written by the first release of the format is committed under
 * {@code src/test/resources/golden/format-1}; it must keep loading and give the same output.
 */
class GoldenModelFolderTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenModelFolderTest.class.getResource("/golden/format-1/" + name).toURI());
    }

    @Test
    void formatOneFolderLoadsAndPredictsTheSame() throws Exception {
        List<String> lines = Files.readAllLines(resource("expected-output.txt"));
        float[] input = new float[28 * 28];
        for (int p = 0; p < input.length; p++) {
            input[p] = (p % 29) / 28f;
        }

        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            ModelFolder.Loaded loaded = ModelFolder.load(resource("model"), manager);
            float[] output = loaded.block()
                    .forward(new ParameterStore(manager, false), new NDList(manager.create(input, new Shape(1, 1, 28, 28))), false)
                    .singletonOrThrow()
                    .toFloatArray();

            assertThat(loaded.description().formatVersion()).isEqualTo(1);
            assertThat(output).hasSize(lines.size());
            // 1e-4 allows PyTorch to sum in another order than when the file was written, because the
            // kernel or memory order may differ. A misread parameter moves outputs far more.
            for (int i = 0; i < output.length; i++) {
                assertThat(output[i]).isCloseTo(Float.parseFloat(lines.get(i)), org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }
}
