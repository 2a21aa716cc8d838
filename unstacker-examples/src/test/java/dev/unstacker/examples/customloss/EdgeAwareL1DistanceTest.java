package dev.unstacker.examples.customloss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.Unstacker;
import dev.unstacker.api.EpochResult;
import dev.unstacker.api.TrainingObserver;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeAwareL1DistanceTest {

    @Test
    void userWrittenLossTrainsThroughThePublicApi() throws Exception {
        List<EpochResult> epochs = new ArrayList<>();
        TrainingObserver recorder = epochs::add;
        try (Unstacker unstacker = Unstacker.builder()
                .optProtocol(MixtureProtocol.builder().optMixtures(3000).optSeed(5).build())
                .optModel(SeparatorConfig.defaults(2).withWidth(8).withBottleneckBlocks(1))
                .optLoss(new EdgeAwareL1Distance(0.5f))
                .optTraining(TrainingSettings.builder().optEpochs(2).optSeed(5).build())
                .addObserver(recorder)
                .train()) {
            assertThat(unstacker.description().loss()).isEqualTo("edge-l1");
        }
        assertThat(epochs).hasSize(2);
        assertThat(epochs.get(1).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        // The mixture baseline of the validation split is about 0.14; a learning model goes below it.
        assertThat(epochs.get(1).validationPitMae()).isLessThan(0.12);
    }

    @Test
    void rejectsNegativeEdgeWeight() {
        assertThatThrownBy(() -> new EdgeAwareL1Distance(-1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("edgeWeight must be a finite value of at least 0, but was -1.0");
    }
}
