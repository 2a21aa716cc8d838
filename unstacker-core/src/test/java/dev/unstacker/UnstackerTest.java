package dev.unstacker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstacker.api.EpochResult;
import dev.unstacker.api.InvalidImageException;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.api.Separation;
import dev.unstacker.api.TrainingObserver;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.loss.L2Distance;
import dev.unstacker.core.mix.MixingSpec;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.TrainingSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/** The public entry point, on a small model trained once from the real Fashion-MNIST files. */
class UnstackerTest {

    private static FashionMnist data;
    private static Unstacker trained;
    private static TrainingObserver observer;
    private static List<float[]> testMixtures;

    @BeforeAll
    static void train() throws Exception {
        data = FashionMnist.load();
        observer = Mockito.mock(TrainingObserver.class);
        trained = Unstacker.builder()
                .optDataset(data)
                .optProtocol(MixtureProtocol.builder().optMixtures(2000).optSeed(3).build())
                .optModel(SeparatorConfig.defaults(2).withWidth(8).withBottleneckBlocks(1))
                .optLoss(new L2Distance())
                .optTraining(TrainingSettings.builder().optEpochs(1).optSeed(3).build())
                .optDevice("cpu")
                .addObserver(observer)
                .train();

        MixtureSplits splits = MixtureSplits.build(data, MixtureProtocol.builder().optMixtures(2000).optSeed(3).build());
        testMixtures = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            float[] mixture = new float[784];
            splits.test().mixtureInto(i, mixture, 0);
            testMixtures.add(mixture);
        }
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    @Nested
    class Builder {

        @Test
        void trainsWithTheGivenSettings() {
            assertThat(trained.sourceCount()).isEqualTo(2);
            assertThat(trained.imageHeight()).isEqualTo(28);
            assertThat(trained.description().loss()).isEqualTo("l2");
            assertThat(trained.description().config().width()).isEqualTo(8);
            assertThat(trained.metrics()).containsKey("validation_pit_mae");
            Mockito.verify(observer).onEpoch(Mockito.any(EpochResult.class));
        }

        @Test
        void mixingDecidesSourceCountAndWeights() throws Exception {
            try (Unstacker three = Unstacker.builder()
                    .optDataset(data)
                    .optProtocol(MixtureProtocol.builder().optMixtures(700).build())
                    .optMixing(MixingSpec.of(3, 0.5, 0.3, 0.2))
                    .optModel(SeparatorConfig.defaults(2).withWidth(4).withBottleneckBlocks(1))
                    .optTraining(TrainingSettings.builder().optEpochs(1).build())
                    .train()) {
                assertThat(three.sourceCount()).isEqualTo(3);
                assertThat(three.description().config().weights()).containsExactly(0.5f, 0.3f, 0.2f);
                Separation separation = three.separate(testMixtures.get(0));
                assertThat(separation.images()).hasSize(3);
            }
        }

        @Test
        void conflictingBatchSizesAreRejected() {
            assertThatThrownBy(() -> Unstacker.builder()
                    .optDataset(data)
                    .optProtocol(MixtureProtocol.builder().optMixtures(700).optBatchSize(16).build())
                    .optTraining(TrainingSettings.builder().optBatchSize(64).build())
                    .train())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The batch size is set twice, to 16 in the mixture protocol and to 64 in the training "
                            + "settings; set it in one of them");
        }
    }

    @Nested
    class Separating {

        @Test
        void returnsKGrayImagesOfTheModelSize() {
            Separation separation = trained.separate(testMixtures.get(0));
            assertThat(separation.images()).hasSize(2);
            for (BufferedImage image : separation.images()) {
                assertThat(image.getWidth()).isEqualTo(28);
                assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            }
            assertThat(separation.mixtureError()).isBetween(0.0, 0.05);
        }

        @Test
        void batchMatchesSingleCalls() {
            List<Separation> batch = trained.separatePixels(testMixtures);
            for (int i = 0; i < testMixtures.size(); i += 9) {
                float[] single = trained.separate(testMixtures.get(i)).arrays().get(0);
                float[] batched = batch.get(i).arrays().get(0);
                for (int p = 0; p < single.length; p++) {
                    assertThat(batched[p]).isCloseTo(single[p], org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }

        @Test
        void manyThreadsGetTheSingleThreadedResults() throws Exception {
            List<float[]> expected = new ArrayList<>();
            for (float[] mixture : testMixtures) {
                expected.add(trained.separate(mixture).arrays().get(1));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int offset = t;
                    futures.add(pool.submit(() -> {
                        int mismatches = 0;
                        for (int i = 0; i < 100; i++) {
                            int index = (offset * 7 + i) % testMixtures.size();
                            float[] actual = trained.separate(testMixtures.get(index)).arrays().get(1);
                            for (int p = 0; p < actual.length; p++) {
                                if (Math.abs(actual[p] - expected.get(index)[p]) > 1e-5f) {
                                    mismatches++;
                                    break;
                                }
                            }
                        }
                        return mismatches;
                    }));
                }
                for (Future<Integer> future : futures) {
                    assertThat(future.get()).isZero();
                }
            } finally {
                pool.shutdown();
            }
        }

        @Test
        void rejectsNullImagesWithTheirIndex() {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            assertThatThrownBy(() -> trained.separateAll(null))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("images must not be null; pass a list of images");
            assertThatThrownBy(() -> trained.separateAll(java.util.Arrays.asList(image, null)))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("images[1] must not be null");
        }

        @Test
        void rejectsNaNInput() {
            float[] bad = testMixtures.get(0).clone();
            bad[17] = Float.NaN;
            assertThatThrownBy(() -> trained.separate(bad))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining("17");
        }
    }

    @Nested
    class SavingAndLoading {

        @Test
        void reloadedModelSeparatesIdentically(@TempDir Path folder) throws Exception {
            trained.save(folder.resolve("model"));
            try (Unstacker loaded = Unstacker.load(folder.resolve("model"))) {
                float[] before = trained.separate(testMixtures.get(3)).arrays().get(0);
                float[] after = loaded.separate(testMixtures.get(3)).arrays().get(0);
                assertThat(after).containsExactly(before);
                assertThat(loaded.metrics()).isEqualTo(trained.metrics());
            }
        }

        @Test
        void loadAcceptsPathString(@TempDir Path folder) throws Exception {
            trained.save(folder);
            try (Unstacker loaded = Unstacker.load(folder.toString())) {
                assertThat(loaded.sourceCount()).isEqualTo(2);
            }
        }

        @Test
        void missingFolderIsRejected(@TempDir Path folder) {
            assertThatThrownBy(() -> Unstacker.load(folder.resolve("nothing-here")))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("does not exist");
        }

        @Test
        void misspelledBundledNameNamesTheBundledModel() {
            assertThatThrownBy(() -> Unstacker.load("fashion-mnst"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("No bundled model is named 'fashion-mnst'")
                    .hasMessageContaining("use 'fashion-mnist'");
        }

        @Test
        void emptyNameIsRejected() {
            assertThatThrownBy(() -> Unstacker.load(" "))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessage("The model name or folder is empty; use 'fashion-mnist' or the path of a saved model folder");
        }

        @Test
        void callsAfterCloseFail(@TempDir Path folder) throws Exception {
            trained.save(folder);
            Unstacker loaded = Unstacker.load(folder);
            loaded.close();
            loaded.close();
            assertThatThrownBy(() -> loaded.separate(testMixtures.get(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> loaded.save(folder.resolve("again")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(Files.exists(folder.resolve("again").resolve("model.json"))).isFalse();
        }
    }
}
