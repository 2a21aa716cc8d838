package dev.unstacker.core.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MixtureProtocolTest {

    @Nested
    class Defaults {

        @Test
        void defaultsMatchTheExperiment() {
            MixtureProtocol protocol = MixtureProtocol.defaults();

            assertThat(protocol.mixtures()).isEqualTo(20_000);
            assertThat(protocol.seed()).isZero();
            assertThat(protocol.batchSize()).isEqualTo(32);
            assertThat(protocol.mixing()).isEqualTo(MixingSpec.equal(2));
            assertThat(protocol.dynamicMixing()).isFalse();
        }

        @Test
        void defaultSplitsAre16000And2000And2000() {
            MixtureProtocol protocol = MixtureProtocol.defaults();

            assertThat(protocol.trainMixtures()).isEqualTo(16_000);
            assertThat(protocol.validationMixtures()).isEqualTo(2_000);
            assertThat(protocol.testMixtures()).isEqualTo(2_000);
        }

        @Test
        void splitsAlwaysAddUpToMixtures() {
            MixtureProtocol protocol = MixtureProtocol.builder().optMixtures(1_001).build();

            assertThat(protocol.trainMixtures() + protocol.validationMixtures() + protocol.testMixtures())
                    .isEqualTo(1_001);
        }

        @Test
        void toBuilderKeepsEverySetting() {
            MixtureProtocol protocol = MixtureProtocol.builder()
                    .optMixtures(500)
                    .optSeed(9)
                    .optBatchSize(8)
                    .optMixing(MixingSpec.of(3, 0.5, 0.3, 0.2))
                    .optDynamicMixing(true)
                    .build();

            assertThat(protocol.toBuilder().build()).hasToString(protocol.toString());
        }
    }

    @Nested
    class InvalidSettings {

        @Test
        void zeroMixturesAreRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixtures(0).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid mixture protocol: mixtures = 0: must be greater than or equal to 1.");
        }

        @Test
        void zeroBatchSizeIsRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optBatchSize(0).build())
                    .hasMessage("Invalid mixture protocol: batchSize = 0: must be greater than or equal to 1.");
        }

        @Test
        void fractionAboveOneIsRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optTrainFraction(1.5).build())
                    .hasMessageContaining("trainFraction = 1.5: must be less than or equal to 1");
        }

        @Test
        void fractionsNotSummingToOneAreRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optTestFraction(0.2).build())
                    .hasMessage("Invalid mixture protocol: fractionSum = 1.1: trainFraction + validationFraction "
                            + "+ testFraction must be 1 (within 1e-6).");
        }

        @Test
        void nanFractionIsRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optValidationFraction(Double.NaN).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("validationFraction = NaN");
        }

        @Test
        void missingMixingIsRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixing(null).build())
                    .hasMessage("Invalid mixture protocol: mixing = null: must not be null.");
        }

        @Test
        void everyViolationIsListed() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixtures(-1).optBatchSize(-2).build())
                    .hasMessage("Invalid mixture protocol: batchSize = -2: must be greater than or equal to 1; "
                            + "mixtures = -1: must be greater than or equal to 1.");
        }

        @Test
        void tooFewMixturesForTrainingAreRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixtures(1).optTrainFraction(0.5)
                    .optValidationFraction(0.5).optTestFraction(0).build())
                    .hasMessage("Invalid mixture protocol: mixtures = 1 leaves 0 training mixtures after validation "
                            + "and test, fewer than one batch of 32. Raise mixtures or trainFraction, or lower "
                            + "batchSize.");
        }

        @Test
        void trainingSplitSmallerThanBatchIsRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixtures(100).optBatchSize(81).build())
                    .hasMessage("Invalid mixture protocol: mixtures = 100 leaves 80 training mixtures after "
                            + "validation and test, fewer than one batch of 81. Raise mixtures or trainFraction, or "
                            + "lower batchSize.");
            assertThat(MixtureProtocol.builder().optMixtures(100).optBatchSize(80).build().trainMixtures())
                    .isEqualTo(80);
        }

        @Test
        void emptyValidationSplitIsRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixtures(1000).optTrainFraction(0.9)
                    .optValidationFraction(0).optTestFraction(0.1).build())
                    .hasMessage("Invalid mixture protocol: mixtures = 1000 and validationFraction = 0.0 leave no "
                            + "validation mixture, which training needs to pick its best epoch. Raise "
                            + "validationFraction or mixtures.");
        }
    }

    @Nested
    class FitToData {

        @Test
        void tooManyTrainingSourcesAreRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixing(MixingSpec.equal(4)).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid mixture protocol: 16,000 training and 2,000 validation mixtures of 4 sources "
                            + "need 72,000 distinct training images, but the training split has 60,000. Lower "
                            + "mixtures or the source count.");
        }

        @Test
        void tooManyTestSourcesAreRejected() {
            assertThatThrownBy(() -> MixtureProtocol.builder().optMixtures(20_000).optTrainFraction(0.4)
                    .optValidationFraction(0.1).optTestFraction(0.5).build())
                    .hasMessage("Invalid mixture protocol: 10,000 test mixtures of 2 sources need 20,000 distinct "
                            + "test images, but the test split has 10,000. Lower mixtures, testFraction or the "
                            + "source count.");
        }

        @Test
        void largestDefaultFitIsAccepted() {
            MixtureProtocol protocol = MixtureProtocol.builder().optMixtures(30_000).optTrainFraction(0.9)
                    .optValidationFraction(0.1).optTestFraction(0).build();

            assertThat(protocol.trainMixtures() + protocol.validationMixtures()).isEqualTo(30_000);
        }
    }
}
