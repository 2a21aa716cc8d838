package dev.unstacker.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.unstacker.core.engine.EngineSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FoldedSeparatorTest {

    /**
     * Gives every normalization statistics far from the identity, so a folding mistake in any of
     * γ, β, μ or σ² changes the output.
     */
    private static void randomizeNorms(SeparatorNet net, NDManager manager) {
        for (Pair<String, Parameter> entry : net.getParameters()) {
            String name = entry.getKey();
            Parameter parameter = entry.getValue();
            Shape shape = parameter.getArray().getShape();
            if (name.endsWith("gamma")) {
                parameter.getArray().set(manager.randomUniform(0.5f, 1.5f, shape).toFloatArray());
            } else if (name.endsWith("beta") || name.endsWith("runningMean")) {
                parameter.getArray().set(manager.randomUniform(-0.3f, 0.3f, shape).toFloatArray());
            } else if (name.endsWith("runningVar")) {
                parameter.getArray().set(manager.randomUniform(0.2f, 2f, shape).toFloatArray());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OutputMode.class)
    void foldedFormComputesTheSameEstimates(OutputMode mode) {
        EngineSetup.engine().setRandomSeed(5);
        SeparatorConfig config = SeparatorConfig.defaults(2).withWidth(8).withBottleneckBlocks(2).withOutputMode(mode);
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(config);
            net.initialize(manager, DataType.FLOAT32, new Shape(3, 1, 28, 28));
            randomizeNorms(net, manager);
            NDArray mixture = manager.randomUniform(0, 1, new Shape(3, 1, 28, 28));

            float[] expected = net.forward(new ParameterStore(manager, false), new NDList(mixture), false)
                    .singletonOrThrow()
                    .toFloatArray();
            try (NDManager foldedManager = manager.newSubManager()) {
                FoldedSeparator folded = net.folded(foldedManager);
                NDArray output = folded.forward(new ParameterStore(manager, false), new NDList(mixture), false)
                        .singletonOrThrow();

                assertThat(output.getShape()).isEqualTo(new Shape(3, 2, 28, 28));
                float[] actual = output.toFloatArray();
                float largest = 0;
                for (int i = 0; i < expected.length; i++) {
                    largest = Math.max(largest, Math.abs(expected[i] - actual[i]));
                }
                assertThat(largest).isLessThan(1e-4f);
            }
        }
    }

    @Test
    void foldingLeavesTheNetworkUnchanged() {
        SeparatorConfig config = SeparatorConfig.defaults(2).withWidth(8);
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(config);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            randomizeNorms(net, manager);
            Parameter weight = ((ResidualBlock) net.stageBlock(Stage.ENCODER1)).firstConv().getParameters().get("weight");
            float[] before = weight.getArray().toFloatArray();

            try (NDManager foldedManager = manager.newSubManager()) {
                net.folded(foldedManager);
            }

            assertThat(weight.getArray().toFloatArray()).isEqualTo(before);
        }
    }

    @Test
    void rejectsTrainingAndUninitializedNetworks() {
        SeparatorConfig config = SeparatorConfig.defaults(2).withWidth(8);
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(config);
            assertThatThrownBy(() -> net.folded(manager))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not initialized");

            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            FoldedSeparator folded = net.folded(manager);
            NDArray mixture = manager.zeros(new Shape(1, 1, 28, 28));
            assertThatThrownBy(() -> folded.forward(new ParameterStore(manager, false), new NDList(mixture), true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only runs inference");
        }
    }
}
