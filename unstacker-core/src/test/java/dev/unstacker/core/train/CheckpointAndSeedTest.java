package dev.unstacker.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.api.EpochResult;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.api.TrainingObserver;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.io.ModelFolder;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.core.model.SeparatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducibility under a seed, resuming after an interruption, and starting from a saved model. */
class CheckpointAndSeedTest {

    private static final SeparatorConfig TINY = SeparatorConfig.defaults(2).withWidth(4).withBottleneckBlocks(1);

    private static MixtureSplits splits;

    @BeforeAll
    static void loadData() throws Exception {
        splits = MixtureSplits.build(FashionMnist.load(),
                MixtureProtocol.builder().optMixtures(1000).optSeed(11).optDynamicMixing(true).build());
    }

    private static TrainingSettings.Builder settings(Path checkpoints) {
        return TrainingSettings.builder().optEpochs(2).optSeed(11).optDevice("cpu").optCheckpointDirectory(checkpoints);
    }

    private static List<EpochResult> train(TrainingSettings settings, TrainingObserver... extra) throws Exception {
        List<EpochResult> epochs = new ArrayList<>();
        List<TrainingObserver> observers = new ArrayList<>(List.of(epochs::add));
        observers.addAll(List.of(extra));
        try (TrainingOutcome outcome = new SeparatorTrainer(settings).train(TINY, splits, observers)) {
            return outcome.history();
        }
    }

    @Test
    void sameSeedReproducesTheNumbers(@TempDir Path first, @TempDir Path second) throws Exception {
        List<EpochResult> a = train(settings(first).build());
        List<EpochResult> b = train(settings(second).build());
        for (int i = 0; i < 2; i++) {
            assertThat(b.get(i).trainLoss()).isEqualTo(a.get(i).trainLoss());
            assertThat(b.get(i).validationPitMae()).isEqualTo(a.get(i).validationPitMae());
        }
    }

    @Test
    void interruptedRunResumesFromItsLastCheckpoint(@TempDir Path checkpoints) throws Exception {
        assertThatThrownBy(() -> train(settings(checkpoints).build(), crashAfterFirstEpoch()))
                .hasMessage("simulated interruption after epoch 1");

        List<EpochResult> resumedEpochs = new ArrayList<>();
        List<EpochResult> announced = new ArrayList<>();
        TrainingObserver watcher = new TrainingObserver() {
            @Override
            public void onEpoch(EpochResult result) {
                resumedEpochs.add(result);
            }

            @Override
            public void onResume(List<EpochResult> completed) {
                announced.addAll(completed);
            }
        };
        List<EpochResult> history = train(settings(checkpoints).optResume(true).build(), watcher);

        assertThat(announced).extracting(EpochResult::epoch).containsExactly(1);
        assertThat(resumedEpochs).extracting(EpochResult::epoch).containsExactly(2);
        assertThat(history).extracting(EpochResult::epoch).containsExactly(1, 2);
    }

    @Test
    void resumedRunMatchesUninterruptedRun(@TempDir Path whole, @TempDir Path interrupted) throws Exception {
        List<EpochResult> uninterrupted = train(settings(whole).optGradientClipFactor(2).build());

        assertThatThrownBy(() -> train(settings(interrupted).optGradientClipFactor(2).build(), crashAfterFirstEpoch()))
                .hasMessage("simulated interruption after epoch 1");
        List<EpochResult> resumed = train(settings(interrupted).optGradientClipFactor(2).optResume(true).build());

        assertThat(resumed.get(1).trainLoss()).isEqualTo(uninterrupted.get(1).trainLoss());
        assertThat(resumed.get(1).validationPitMae()).isEqualTo(uninterrupted.get(1).validationPitMae());
        try (Stream<Path> files = Files.list(interrupted)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("optimizer-")))
                    .containsExactly("optimizer-2.bin");
        }
    }

    @Test
    void damagedOptimizerStateIsRejected(@TempDir Path checkpoints) throws Exception {
        assertThatThrownBy(() -> train(settings(checkpoints).build(), crashAfterFirstEpoch()))
                .hasMessage("simulated interruption after epoch 1");
        Files.write(checkpoints.resolve("optimizer-1.bin"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> train(settings(checkpoints).optResume(true).build()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Cannot read the optimizer state")
                .hasMessageContaining("optimizer-1.bin");
    }

    @Test
    void resumeRejectsCheckpointsOfOtherSettings(@TempDir Path checkpoints) throws Exception {
        train(settings(checkpoints).optEpochs(1).build());
        assertThatThrownBy(() -> train(settings(checkpoints).optLearningRate(5e-3).optResume(true).build()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("belong to a run with other settings")
                .hasMessageContaining("(checkpoints: lr=0.001 epochs=1; this run: lr=0.005 epochs=2)");
    }

    @Test
    void initialModelContinuesFromSavedParameters(@TempDir Path checkpoints, @TempDir Path next) throws Exception {
        List<EpochResult> first = train(settings(checkpoints).build());
        Path best = checkpoints.resolve("best");
        assertThat(ModelFolder.readDescription(best).config()).isEqualTo(TINY);

        List<EpochResult> continued = train(settings(next).optEpochs(1).optLearningRate(1e-4).optInitialModel(best).build());

        double bestSoFar = Math.min(first.get(0).validationPitMae(), first.get(1).validationPitMae());
        assertThat(continued.get(0).validationPitMae()).isLessThan(bestSoFar + 0.005);
        assertThat(continued.get(0).validationPitMae()).isLessThan(first.get(0).validationPitMae());
    }

    private static TrainingObserver crashAfterFirstEpoch() {
        return new TrainingObserver() {
            @Override
            public void onEpoch(EpochResult result) {
                throw new IllegalStateException("simulated interruption after epoch " + result.epoch());
            }
        };
    }
}
