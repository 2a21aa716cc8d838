package dev.unstacker.core.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.data.ImageSet;
import dev.unstacker.core.engine.EngineSetup;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MixtureDatasetTest {

    private static ImageSet images;

    @BeforeAll
    static void loadData() throws Exception {
        images = FashionMnist.load().test();
    }

    private static MixtureDataset.Builder builder(MixingSpec mixing, int... indices) {
        return MixtureDataset.builder()
                .optName("sample")
                .setImages(images)
                .setMixing(mixing)
                .setSourceIndices(indices)
                .setSampling(2, false);
    }

    @Nested
    class Records {

        @Test
        void recordHoldsMixtureAndSources() {
            MixtureDataset dataset = builder(MixingSpec.of(3, 0.5, 0.3, 0.2), 10, 20, 30, 40, 50, 60).build();
            OverlayMixer mixer = new OverlayMixer(dataset.mixing());
            EngineSetup.engine();

            try (NDManager manager = NDManager.newBaseManager()) {
                Record record = dataset.get(manager, 1);
                NDArray mixture = record.getData().singletonOrThrow();
                NDArray sources = record.getLabels().singletonOrThrow();

                assertThat(mixture.getShape()).isEqualTo(new Shape(1, 28, 28));
                assertThat(mixture.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(sources.getShape()).isEqualTo(new Shape(3, 28, 28));
                assertThat(mixture.toFloatArray()).containsExactly(mixer.mix(images, 40, 50, 60));
                float[] firstSource = new float[784];
                images.copyPixels(40, firstSource, 0);
                assertThat(Arrays.copyOf(sources.toFloatArray(), 784)).containsExactly(firstSource);
            }
        }

        @Test
        void batchesStackRecords() throws Exception {
            MixtureDataset dataset = builder(MixingSpec.defaults(), 1, 2, 3, 4, 5, 6).build();
            EngineSetup.engine();

            try (NDManager manager = NDManager.newBaseManager()) {
                Batch batch = dataset.getData(manager).iterator().next();
                try (batch) {
                    assertThat(batch.getData().head().getShape()).isEqualTo(new Shape(2, 1, 28, 28));
                    assertThat(batch.getLabels().head().getShape()).isEqualTo(new Shape(2, 2, 28, 28));
                }
            }
        }

        @Test
        void blocksHoldEveryMixtureInOrder() {
            MixtureDataset dataset = builder(MixingSpec.defaults(), 1, 2, 3, 4, 5, 6).build();
            float[] second = new float[784];
            dataset.mixtureInto(1, second, 0);

            float[] mixtures = dataset.allMixtures();
            float[] sources = dataset.allSources();

            assertThat(mixtures).hasSize(3 * 784);
            assertThat(Arrays.copyOfRange(mixtures, 784, 2 * 784)).containsExactly(second);
            assertThat(sources).hasSize(3 * 2 * 784);
            assertThat(sources[5 * 784 + 300]).isEqualTo(images.pixel(6, 300) / 255f);
        }

        @Test
        void accessorsDescribeTheDataset() {
            MixtureDataset dataset = builder(MixingSpec.defaults(), 1, 2, 3, 4).build();

            assertThat(dataset.mixtureCount()).isEqualTo(2);
            assertThat(dataset.size()).isEqualTo(2L);
            assertThat(dataset.imageHeight()).isEqualTo(28);
            assertThat(dataset.imageWidth()).isEqualTo(28);
            assertThat(dataset.sourceIndices(1)).containsExactly(3, 4);
            assertThat(dataset.sourceLabels(1)).containsExactly(images.label(3), images.label(4));
        }

        @Test
        void mixtureIndexOutOfRangeIsRejected() {
            MixtureDataset dataset = builder(MixingSpec.defaults(), 1, 2).build();

            assertThatThrownBy(() -> dataset.sourceIndices(1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Nested
    class InvalidGrouping {

        @Test
        void partialMixtureIsRejected() {
            assertThatThrownBy(() -> builder(MixingSpec.defaults(), 1, 2, 3).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid source indices for sample: 3 indices are not a whole number of mixtures "
                            + "of 2 sources.");
        }

        @Test
        void repeatedImageIsRejected() {
            assertThatThrownBy(() -> builder(MixingSpec.defaults(), 1, 2, 3, 1).build())
                    .hasMessage("Invalid source indices for sample: image 1 appears twice (again at position 3); "
                            + "each image may feed one mixture.");
        }

        @Test
        void indexOutsideImagesIsRejected() {
            assertThatThrownBy(() -> builder(MixingSpec.defaults(), 1, 10_000).build())
                    .hasMessage("Invalid source index 10000 at position 1 for sample: allowed are 0 to 9999.");
        }

        @Test
        void missingSamplingIsRejected() {
            MixtureDataset.Builder builder = MixtureDataset.builder()
                    .setImages(images)
                    .setMixing(MixingSpec.defaults())
                    .setSourceIndices(new int[] {1, 2});

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Set images, mixing, source indices and sampling (setSampling(batchSize, shuffle)) "
                            + "before build().");
        }
    }
}
