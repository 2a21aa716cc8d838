package dev.unstacker.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.util.Pair;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.loss.L1Distance;
import dev.unstacker.core.loss.PermutationInvariantLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeparatorNetTest {

    @Test
    void trainingStepGivesEveryParameterAGradient() {
        EngineSetup.engine().setRandomSeed(11);
        SeparatorConfig config = SeparatorConfig.defaults(2).withWidth(8).withBottleneckBlocks(2);
        try (Model model = Model.newInstance("gradient-check")) {
            model.setBlock(new SeparatorNet(config));
            DefaultTrainingConfig training = new DefaultTrainingConfig(new PermutationInvariantLoss(new L1Distance()))
                    .optOptimizer(Adam.builder().build());
            try (Trainer trainer = model.newTrainer(training)) {
                trainer.initialize(new Shape(4, 1, 28, 28));
                NDManager manager = trainer.getManager();
                NDArray sources = manager.randomUniform(0, 1, new Shape(4, 2, 28, 28));
                NDArray mixture = sources.mean(new int[] {1}, true);

                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList estimates = trainer.forward(new NDList(mixture));
                    collector.backward(trainer.getLoss().evaluate(new NDList(sources), estimates));
                }

                int checked = 0;
                for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
                    if (!parameter.getValue().requiresGradient()) {
                        continue;
                    }
                    NDArray gradient = parameter.getValue().getArray().getGradient();
                    assertThat(gradient.abs().sum().getFloat()).as(parameter.getKey()).isGreaterThan(0f);
                    checked++;
                }
                assertThat(checked).isGreaterThan(40);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void consistentEstimatesAddUpToTheMixture(int k) {
        float[] weights = new float[k];
        float total = 0;
        for (int i = 0; i < k; i++) {
            weights[i] = i + 1;
            total += i + 1;
        }
        for (int i = 0; i < k; i++) {
            weights[i] /= total;
        }
        SeparatorConfig config = SeparatorConfig.defaults(k).withWidth(8).withWeights(weights);
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(config);
            net.initialize(manager, DataType.FLOAT32, new Shape(3, 1, 28, 28));
            NDArray mixture = manager.randomUniform(0, 1, new Shape(3, 1, 28, 28));
            NDArray estimates = net.forward(new ParameterStore(manager, false), new NDList(mixture), false).singletonOrThrow();

            assertThat(estimates.getShape()).isEqualTo(new Shape(3, k, 28, 28));
            NDArray weighted = estimates.mul(manager.create(weights, new Shape(1, k, 1, 1))).sum(new int[] {1}, true);
            float maxError = weighted.sub(mixture).abs().max().getFloat();
            assertThat(maxError).isLessThan(1e-5f);
        }
    }

    @Test
    void boundedEstimatesStayInRangeAndAddUp() {
        float[] weights = {0.3f, 0.7f};
        SeparatorConfig config = SeparatorConfig.defaults(2).withWidth(8).withWeights(weights);
        assertThat(config.outputMode()).isEqualTo(OutputMode.BOUNDED);
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(config);
            net.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 28, 28));
            // Feasible mixtures: weighted sums of two images in [0, 1].
            NDArray a = manager.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            NDArray b = manager.randomUniform(0, 1, new Shape(4, 1, 28, 28));
            NDArray mixture = a.mul(0.3f).add(b.mul(0.7f));
            NDArray estimates = net.forward(new ParameterStore(manager, false), new NDList(mixture), false).singletonOrThrow();

            assertThat(estimates.min().getFloat()).isGreaterThanOrEqualTo(-1e-5f);
            assertThat(estimates.max().getFloat()).isLessThanOrEqualTo(1 + 1e-5f);
            NDArray weighted = estimates.mul(manager.create(weights, new Shape(1, 2, 1, 1))).sum(new int[] {1}, true);
            assertThat(weighted.sub(mixture).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void freeEstimatesNeedNotAddUp() {
        SeparatorConfig config = SeparatorConfig.defaults(2).withWidth(8).withOutputMode(OutputMode.FREE);
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(config);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            NDArray mixture = manager.randomUniform(0, 1, new Shape(2, 1, 28, 28));
            NDArray estimates = net.forward(new ParameterStore(manager, false), new NDList(mixture), false).singletonOrThrow();
            float maxError = estimates.mean(new int[] {1}, true).sub(mixture).abs().max().getFloat();
            assertThat(maxError).isGreaterThan(1e-4f);
        }
    }

    @Test
    void rejectsSizesNotDivisibleByFour() {
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            SeparatorNet net = new SeparatorNet(SeparatorConfig.defaults(2).withWidth(8));
            assertThatThrownBy(() -> net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 30, 28)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("divisible by 4")
                    .hasMessageContaining("(1, 1, 30, 28)");
        }
    }
}
