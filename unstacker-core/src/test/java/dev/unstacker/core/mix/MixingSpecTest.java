package dev.unstacker.core.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MixingSpecTest {

    @Nested
    class Valid {

        @Test
        void defaultIsTwoEqualSources() {
            MixingSpec spec = MixingSpec.defaults();

            assertThat(spec.sourceCount()).isEqualTo(2);
            assertThat(spec.weights()).containsExactly(0.5, 0.5);
        }

        @Test
        void equalWeightsAreOneOverK() {
            assertThat(MixingSpec.equal(8).weights()).containsOnly(0.125);
        }

        @Test
        void unequalWeightsAreKept() {
            MixingSpec spec = MixingSpec.of(3, 0.5, 0.3, 0.2);

            assertThat(spec.weight(1)).isEqualTo(0.3);
            assertThat(spec).isEqualTo(MixingSpec.of(3, 0.5, 0.3, 0.2));
        }

        @Test
        void sumWithinToleranceIsAccepted() {
            assertThat(MixingSpec.of(2, 0.5, 0.5000009).sourceCount()).isEqualTo(2);
        }
    }

    @Nested
    class Invalid {

        @Test
        void sourceCountOutsideTwoToEightIsRejected() {
            assertThatThrownBy(() -> MixingSpec.equal(1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid source count 1: allowed are 2 to 8 sources per mixture.");
            assertThatThrownBy(() -> MixingSpec.equal(9))
                    .hasMessage("Invalid source count 9: allowed are 2 to 8 sources per mixture.");
        }

        @Test
        void weightCountMustEqualSourceCount() {
            assertThatThrownBy(() -> MixingSpec.of(3, 0.5, 0.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid mixing weights [0.5, 0.5]: expected 3 weights, one per source, but got 2.");
        }

        @Test
        void nonPositiveWeightIsRejected() {
            assertThatThrownBy(() -> MixingSpec.of(2, 1.0, 0.0))
                    .hasMessage("Invalid mixing weight 1 = 0.0: weights must be positive and finite.");
        }

        @Test
        void nonFiniteWeightIsRejected() {
            assertThatThrownBy(() -> MixingSpec.of(2, Double.NaN, 0.5))
                    .hasMessage("Invalid mixing weight 0 = NaN: weights must be positive and finite.");
        }

        @Test
        void weightsNotSummingToOneAreRejected() {
            assertThatThrownBy(() -> MixingSpec.of(2, 0.6, 0.6))
                    .hasMessage("Invalid mixing weights [0.6, 0.6]: they sum to 1.2, but must sum to 1 within 1.0E-6.");
        }
    }
}
