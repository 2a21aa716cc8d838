package dev.unstacker.core.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.core.data.FashionMnist;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MixtureSplitsTest {

    private static FashionMnist data;
    private static MixtureSplits defaults;

    @BeforeAll
    static void loadData() throws Exception {
        data = FashionMnist.load();
        defaults = MixtureSplits.build(data, MixtureProtocol.defaults());
    }

    private static MixtureSplits withSeed(long seed) {
        return MixtureSplits.build(data, MixtureProtocol.builder().optSeed(seed).build());
    }

    private static Set<Integer> imagesOf(MixtureDataset dataset) {
        Set<Integer> images = new HashSet<>();
        for (int index : dataset.grouping()) {
            images.add(index);
        }
        return images;
    }

    @Nested
    class Sizes {

        @Test
        void defaultSplitsAre16000And2000And2000() {
            assertThat(defaults.train().size()).isEqualTo(16_000);
            assertThat(defaults.validation().size()).isEqualTo(2_000);
            assertThat(defaults.test().size()).isEqualTo(2_000);
        }

        @Test
        void everyMixtureHasTwoSources() {
            assertThat(defaults.train().sourceCount()).isEqualTo(2);
            assertThat(defaults.train().grouping()).hasSize(32_000);
            assertThat(defaults.test().grouping()).hasSize(4_000);
        }
    }

    @Nested
    class Determinism {

        @Test
        void sameSeedGivesSameGroupings() {
            MixtureSplits again = withSeed(0);

            assertThat(again.train().grouping()).isEqualTo(defaults.train().grouping());
            assertThat(again.validation().grouping()).isEqualTo(defaults.validation().grouping());
            assertThat(again.test().grouping()).isEqualTo(defaults.test().grouping());
        }

        @Test
        void differentSeedGivesDifferentGroupings() {
            MixtureSplits other = withSeed(1);

            assertThat(other.train().grouping()).isNotEqualTo(defaults.train().grouping());
            assertThat(other.validation().grouping()).isNotEqualTo(defaults.validation().grouping());
            assertThat(other.test().grouping()).isNotEqualTo(defaults.test().grouping());
        }

        @Test
        void seedZeroGroupingIsPinned() {
            // java.util.Random's algorithm is fixed by the Java SE specification, so these values
            // must hold on every JDK. A change here changes every grouping and every score built on it.
            assertThat(defaults.train().sourceIndices(0)).containsExactly(53_614, 35_064);
            assertThat(defaults.validation().sourceIndices(0)).containsExactly(5_327, 23_717);
            assertThat(defaults.test().sourceIndices(0)).containsExactly(1_721, 8_867);
        }
    }

    @Nested
    class NoLeakage {

        @Test
        void trainAndValidationShareNoImage() {
            Set<Integer> shared = imagesOf(defaults.train());
            shared.retainAll(imagesOf(defaults.validation()));

            assertThat(shared).isEmpty();
        }

        @Test
        void noImageRepeatsWithinASplit() {
            for (MixtureDataset split : new MixtureDataset[] {defaults.train(), defaults.validation(), defaults.test()}) {
                assertThat(imagesOf(split)).as(split.name()).hasSize(split.grouping().length);
            }
        }

        @Test
        void trainAndValidationDrawFromTrainingSplit() {
            assertThat(defaults.train().images()).isSameAs(data.train());
            assertThat(defaults.validation().images()).isSameAs(data.train());
        }

        @Test
        void testDrawsFromTestSplit() {
            assertThat(defaults.test().images()).isSameAs(data.test());
            assertThat(Arrays.stream(defaults.test().grouping()).max().getAsInt()).isLessThan(FashionMnist.TEST_SIZE);
        }

        @Test
        void sourceLabelsComeFromTheSourceImages() {
            int[] indices = defaults.test().sourceIndices(7);

            assertThat(defaults.test().sourceLabels(7))
                    .containsExactly(data.test().label(indices[0]), data.test().label(indices[1]));
        }
    }

    @Nested
    class DynamicMixing {

        private MixtureSplits dynamic() {
            return MixtureSplits.build(data, MixtureProtocol.builder().optDynamicMixing(true).build());
        }

        @Test
        void regroupChangesGroupingButKeepsImages() {
            MixtureDataset train = dynamic().train();
            int[] before = train.grouping();

            train.regroup(1);

            assertThat(train.grouping()).isNotEqualTo(before);
            assertThat(imagesOf(train)).isEqualTo(imagesOf(defaults.train()));
            assertThat(train.size()).isEqualTo(16_000);
        }

        @Test
        void regroupDependsOnlyOnSeedAndEpoch() {
            MixtureDataset first = dynamic().train();
            MixtureDataset second = dynamic().train();

            first.regroup(3);
            second.regroup(2);
            second.regroup(3);

            assertThat(second.grouping()).isEqualTo(first.grouping());
        }

        @Test
        void differentEpochsGiveDifferentGroupings() {
            MixtureDataset train = dynamic().train();
            train.regroup(1);
            int[] epochOne = train.grouping();

            train.regroup(2);

            assertThat(train.grouping()).isNotEqualTo(epochOne);
        }

        @Test
        void onlyTrainingIsDynamic() {
            MixtureSplits splits = dynamic();

            assertThat(splits.train().isDynamic()).isTrue();
            assertThat(splits.validation().isDynamic()).isFalse();
            assertThat(splits.test().isDynamic()).isFalse();
        }

        @Test
        void regroupWithoutDynamicMixingIsRejected() {
            assertThatThrownBy(() -> defaults.train().regroup(1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot regroup the train mixtures: they were built without dynamic mixing. Build "
                            + "the splits with MixtureProtocol.builder().optDynamicMixing(true).");
        }
    }

    @Nested
    class Timing {

        @Test
        void defaultProtocolBuildsWithinFiveSeconds() {
            long start = System.nanoTime();

            MixtureSplits.build(data, MixtureProtocol.defaults());

            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
        }
    }
}
