package dev.unstacker.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.unstacker.api.EpochResult;
import dev.unstacker.api.TrainingObserver;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.eval.EvaluationResult;
import dev.unstacker.core.eval.MixtureBatch;
import dev.unstacker.core.eval.SeparationEvaluator;
import dev.unstacker.core.loss.L1Distance;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.core.model.SeparatorConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

class TrainingOnRealDataTest {

    private static MixtureSplits splits;

    @BeforeAll
    static void loadData() throws Exception {
        MixtureProtocol protocol = MixtureProtocol.builder().optMixtures(8000).optSeed(7).build();
        splits = MixtureSplits.build(FashionMnist.load(), protocol);
    }

    @Test
    void fewHundredStepsBeatMixtureBaseline(@TempDir Path checkpoints) throws Exception {
        TrainingSettings settings = TrainingSettings.builder()
                .optEpochs(2)
                .optSeed(7)
                .optDevice("cpu")
                .optCheckpointDirectory(checkpoints)
                .build();
        SeparatorConfig model = SeparatorConfig.defaults(2).withWidth(16).withBottleneckBlocks(1);
        TrainingObserver observer = Mockito.mock(TrainingObserver.class);

        try (TrainingOutcome outcome = new SeparatorTrainer(settings).train(model, splits, List.of(observer))) {
            MixtureBatch validation = MixtureBatch.from(splits.validation());
            SeparationEvaluator evaluator = new SeparationEvaluator(new L1Distance(), 256);
            EvaluationResult trained;
            EvaluationResult baseline;
            try (NDManager scope = outcome.model().getNDManager().newSubManager()) {
                trained = evaluator.evaluate(outcome.block(), scope, validation);
                baseline = evaluator.evaluateMixtureBaseline(scope, validation);
            }

            assertThat(outcome.history()).hasSize(2);
            assertThat(baseline.meanPitMae()).isBetween(0.12, 0.16);
            assertThat(trained.meanPitMae()).isLessThan(0.6 * baseline.meanPitMae());
            assertThat(trained.meanPsnrDb()).isGreaterThan(baseline.meanPsnrDb() + 3);
            assertThat(trained.meanPitMae())
                    .isCloseTo(outcome.history().get(outcome.bestEpoch() - 1).validationPitMae(),
                            org.assertj.core.api.Assertions.within(1e-6));
        }

        ArgumentCaptor<EpochResult> epochs = ArgumentCaptor.forClass(EpochResult.class);
        Mockito.verify(observer, Mockito.times(2)).onEpoch(epochs.capture());
        Mockito.verify(observer).onFinished(Mockito.anyDouble());
        assertThat(epochs.getAllValues()).extracting(EpochResult::epoch).containsExactly(1, 2);
        assertThat(epochs.getAllValues().get(1).trainLoss()).isLessThan(epochs.getAllValues().get(0).trainLoss());
    }
}
