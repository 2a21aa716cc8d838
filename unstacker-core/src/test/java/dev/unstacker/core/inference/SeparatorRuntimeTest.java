package dev.unstacker.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.unstacker.api.InvalidImageException;
import dev.unstacker.api.ModelFormatException;
import dev.unstacker.api.Separation;
import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.io.ModelFolder;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.model.SeparatorNet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs untrained networks on the real engine. The random network has a random head, so its
 * estimates differ from the mixture and from each other. The identity network has its head set to
 * zero, so it returns the mixture as every estimate. Both are 8 channels wide instead of 32, which
 * keeps the 1,600-call concurrency test short on two cores, and nothing here depends on the width.
 */
class SeparatorRuntimeTest {

    private static final SeparatorConfig CONFIG = SeparatorConfig.defaults(2).withWidth(8);
    private static final ModelDescription DESCRIPTION = new ModelDescription(CONFIG, 28, 28, "l1");

    private static NDManager manager;
    private static SeparatorNet randomNet;
    private static SeparatorRuntime random;
    private static SeparatorRuntime identity;

    @TempDir
    Path folder;

    @BeforeAll
    static void buildNetworks() {
        EngineSetup.engine().setRandomSeed(1234);
        manager = EngineSetup.engine().newBaseManager();
        randomNet = initialized();
        random = SeparatorRuntime.of(randomNet, DESCRIPTION, 4);

        SeparatorNet identityNet = initialized();
        identityNet.freezeParameters(true);
        // DJL prefixes child names with their position, such as "11head".
        for (Pair<String, Parameter> parameter : identityNet.getParameters()) {
            if (parameter.getKey().contains("head_")) {
                parameter.getValue().getArray().muli(0);
            }
        }
        identity = SeparatorRuntime.of(identityNet, DESCRIPTION, 2);
    }

    private static SeparatorNet initialized() {
        SeparatorNet block = new SeparatorNet(CONFIG);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
        return block;
    }

    @AfterAll
    static void close() {
        if (random != null) {
            random.close();
        }
        if (identity != null) {
            identity.close();
        }
        manager.close();
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance, String description) {
        assertThat(actual).as(description + ": length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as(description + " at %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }

    @Nested
    class ModelSizedMixtures {

        @Test
        void identityNetworkReturnsTheMixture() {
            float[] mixture = TestImages.mixture(0, 1);

            Separation result = identity.separate(mixture);

            assertThat(result.sourceCount()).isEqualTo(2);
            assertClose(result.arrays().get(0), mixture, 1e-6f, "first estimate");
            assertClose(result.arrays().get(1), mixture, 1e-6f, "second estimate");
            assertThat(result.mixtureError()).isCloseTo(0, within(1e-6));
        }

        @Test
        void estimatesAreClampedAndRenderedAsBytes() {
            Separation result = random.separate(TestImages.mixture(2, 3));

            for (int k = 0; k < 2; k++) {
                float[] estimate = result.arrays().get(k);
                BufferedImage image = result.images().get(k);
                assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
                assertThat(image.getWidth()).isEqualTo(28);
                for (int i = 0; i < estimate.length; i++) {
                    assertThat(estimate[i]).as("estimate %d at %d", k, i).isBetween(0f, 1f);
                    assertThat(image.getRaster().getSample(i % 28, i / 28, 0))
                            .as("byte of estimate %d at %d", k, i)
                            .isEqualTo(Math.round(estimate[i] * 255));
                }
            }
        }

        @Test
        void mixtureErrorUsesClampedEstimates() {
            float[] mixture = TestImages.mixture(4, 5);

            Separation result = random.separate(mixture);

            float[] first = result.arrays().get(0);
            float[] second = result.arrays().get(1);
            double expected = 0;
            for (int i = 0; i < mixture.length; i++) {
                expected += Math.abs(mixture[i] - (0.5 * first[i] + 0.5 * second[i])) / mixture.length;
            }
            assertThat(result.mixtureError()).isCloseTo(expected, within(1e-6));
            assertThat(first).as("a random head changes the estimates").isNotEqualTo(second);
        }

        @Test
        void invalidMixturesAreRejected() {
            assertThatThrownBy(() -> random.separate((float[]) null))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("mixture must not be null; pass 784 pixel values in [0, 1] for a 28x28 image");
            assertThatThrownBy(() -> random.separate(new float[783]))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("mixture has 783 values, but a 28x28 image needs exactly 784 values in row-major order");
            float[] withNan = TestImages.mixture(0, 1);
            withNan[100] = Float.NaN;
            assertThatThrownBy(() -> random.separate(withNan))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("mixture[100] is NaN; pixel values must be finite numbers in [0, 1]");
            float[] withInfinity = TestImages.mixture(0, 1);
            withInfinity[7] = Float.POSITIVE_INFINITY;
            assertThatThrownBy(() -> random.separate(withInfinity))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("mixture[7] is Infinity; pixel values must be finite numbers in [0, 1]");
        }
    }

    @Nested
    class Batches {

        /**
         * The tolerance is 1e-5 relative to the value: the CPU convolution kernels sum in another
         * order for a batch of 256 than for a batch of 1.
         */
        @Test
        void batchResultsEqualSingleResults() {
            List<float[]> mixtures = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                mixtures.add(TestImages.mixture(i % 64, (i * 7 + 3) % 64));
            }

            List<Separation> batch = random.separateAll(mixtures);

            assertThat(batch).hasSize(300);
            for (int i : new int[] {0, 1, 255, 256, 299}) {
                Separation single = random.separate(mixtures.get(i));
                for (int k = 0; k < 2; k++) {
                    float[] fromBatch = batch.get(i).arrays().get(k);
                    float[] alone = single.arrays().get(k);
                    for (int p = 0; p < alone.length; p++) {
                        assertThat(fromBatch[p]).as("mixture %d, estimate %d at %d", i, k, p)
                                .isCloseTo(alone[p], within(1e-5f * Math.max(1f, Math.abs(alone[p]))));
                    }
                }
                assertThat(batch.get(i).mixtureError()).isCloseTo(single.mixtureError(), within(1e-5));
            }
        }

        @Test
        void oneBadMixtureRejectsTheBatchByIndex() {
            List<float[]> mixtures = List.of(TestImages.mixture(0, 1), new float[10]);

            assertThatThrownBy(() -> random.separateAll(mixtures))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("mixtures[1] has 10 values");
        }

        @Test
        void emptyBatchGivesNoResults() {
            assertThat(random.separateAll(List.of())).isEmpty();
        }
    }

    @Nested
    class Images {

        @Test
        void pngFileMatchesItsPixels() throws IOException {
            float[] mixture = TestImages.mixture(6, 7);
            BufferedImage image = TestImages.grayImage(mixture, 28, 28);
            Path file = folder.resolve("mixture.png");
            ImageIO.write(image, "png", file.toFile());
            float[] quantized = ImageInput.of(image).gray();

            Separation fromFile = random.separate(file);
            Separation fromPixels = random.separate(quantized);

            assertClose(fromFile.arrays().get(0), fromPixels.arrays().get(0), 1e-6f, "first estimate");
            assertClose(fromFile.arrays().get(1), fromPixels.arrays().get(1), 1e-6f, "second estimate");
        }

        @Test
        void whiteBackgroundIsInvertedAndBack() {
            float[] dark = TestImages.mixture(8, 9);
            ImageInput white = ImageInput.ofPixels(TestImages.inverted(dark), 28, 28);

            Separation result = random.separate(white, SeparationOptions.defaults());
            Separation direct = random.separate(TestImages.inverted(TestImages.inverted(dark)));

            for (int k = 0; k < 2; k++) {
                assertClose(result.arrays().get(k), TestImages.inverted(direct.arrays().get(k)), 1e-6f,
                        "estimate " + k + " against the inverted direct estimate");
            }
            assertThat(result.mixtureError()).isCloseTo(direct.mixtureError(), within(1e-5));
        }

        @Test
        void inputSizeOutputHasTheInputsDimensions() {
            float[] pixels = new float[60 * 45];
            Arrays.fill(pixels, 0.6f);
            SeparationOptions options = SeparationOptions.builder()
                    .optBackground(Background.DARK)
                    .optOutputSize(OutputSize.INPUT)
                    .build();

            Separation result = identity.separate(ImageInput.ofPixels(pixels, 60, 45), options);

            assertThat(result.images().get(0).getWidth()).isEqualTo(60);
            assertThat(result.images().get(0).getHeight()).isEqualTo(45);
            assertClose(result.arrays().get(1), pixels, 1e-5f, "identity estimate at input size");
            assertThat(result.mixtureError()).isCloseTo(0, within(1e-5));
        }

        @Test
        void modelSizeOutputShowsTheFittedInput() {
            float[] pixels = new float[40 * 20];
            Arrays.fill(pixels, 0.6f);
            SeparationOptions options = SeparationOptions.builder().optBackground(Background.DARK).build();

            Separation result = identity.separate(ImageInput.ofPixels(pixels, 40, 20), options);

            float[] estimate = result.arrays().get(0);
            assertThat(estimate).hasSize(784);
            assertThat(estimate[3 * 28 + 10]).as("padding above").isZero();
            assertThat(estimate[14 * 28 + 10]).as("content").isCloseTo(0.6f, within(1e-5f));
        }

        @Test
        void lightPaddingStaysLightAtModelSize() {
            float[] pixels = new float[40 * 20];
            Arrays.fill(pixels, 1f);
            pixels[10 * 40 + 20] = 0f;

            Separation result = identity.separate(ImageInput.ofPixels(pixels, 40, 20), SeparationOptions.defaults());

            assertThat(result.arrays().get(0)[0]).as("padding in the input's white background").isEqualTo(1f);
        }

        @Test
        void rejectedFileIsReportedThroughTheRuntime() throws IOException {
            Path file = Files.writeString(folder.resolve("notes.png"), "text");

            assertThatThrownBy(() -> random.separate(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining(file.toString());
            assertThatThrownBy(() -> random.separate((Path) null, SeparationOptions.defaults()))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("file must not be null");
            assertThatThrownBy(() -> random.separate((BufferedImage) null))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("image must not be null");
            assertThatThrownBy(() -> random.separate(ImageInput.ofPixels(new float[784], 28, 28), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("options must not be null; pass SeparationOptions.defaults()");
        }
    }

    @Nested
    class ModelFolders {

        @Test
        void savedNetworkLoadsAndSeparatesAlike() throws IOException, ModelFormatException {
            Path model = folder.resolve("model");
            random.withBlock(block -> ModelFolder.save(model, block, new ModelDescription(CONFIG, 28, 28, "l1")));
            float[] mixture = TestImages.mixture(10, 11);

            try (SeparatorRuntime loaded = SeparatorRuntime.load(model, 1)) {
                Separation expected = random.separate(mixture);
                Separation actual = loaded.separate(mixture);

                assertThat(loaded.sourceCount()).isEqualTo(2);
                assertClose(actual.arrays().get(0), expected.arrays().get(0), 1e-6f, "first estimate");
                assertClose(actual.arrays().get(1), expected.arrays().get(1), 1e-6f, "second estimate");
            }
        }

        @Test
        void missingFolderIsAModelFormatError() {
            Path model = folder.resolve("absent");

            assertThatThrownBy(() -> SeparatorRuntime.load(model))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(model.toString());
        }

        @Test
        void mismatchedDescriptionIsRejected() {
            ModelDescription threeSources = new ModelDescription(SeparatorConfig.defaults(3).withWidth(8), 28, 28, "l1");

            assertThatThrownBy(() -> SeparatorRuntime.of(randomNet, threeSources))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("block has settings SeparatorConfig[sources=2");
        }
    }

    @Nested
    class Concurrency {

        /**
         * Two predictors for eight threads, so most calls wait for a predictor to be released. The
         * 1,600 calls must also leave no native arrays behind.
         */
        @Test
        void eightThreadsMatchSingleThread() throws Exception {
            try (SeparatorRuntime runtime = SeparatorRuntime.of(randomNet, DESCRIPTION, 2)) {
                List<float[]> mixtures = new ArrayList<>();
                List<float[]> expected = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    float[] mixture = TestImages.mixture(t, t + 8);
                    mixtures.add(mixture);
                    expected.add(runtime.separate(mixture).arrays().get(0));
                }
                int runtimeArrays = runtime.openArrayCount();
                int parameterArrays = manager.getManagedArrays().size();

                ExecutorService threads = Executors.newFixedThreadPool(8);
                try {
                    List<Future<Integer>> mismatches = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        int thread = t;
                        mismatches.add(threads.submit(() -> {
                            int count = 0;
                            for (int call = 0; call < 200; call++) {
                                float[] actual = runtime.separate(mixtures.get(thread)).arrays().get(0);
                                if (!closeEnough(actual, expected.get(thread))) {
                                    count++;
                                }
                            }
                            return count;
                        }));
                    }
                    for (int t = 0; t < 8; t++) {
                        assertThat(mismatches.get(t).get(120, TimeUnit.SECONDS))
                                .as("calls in thread %d whose result differs from the single-threaded one", t)
                                .isZero();
                    }
                } finally {
                    threads.shutdownNow();
                }
                assertThat(runtime.openArrayCount()).as("arrays held by the runtime's model").isEqualTo(runtimeArrays);
                assertThat(manager.getManagedArrays().size())
                        .as("arrays on the parameters' manager")
                        .isEqualTo(parameterArrays);
            }
        }

        @Test
        void callsLeaveNoNativeArraysBehind() {
            int parameters = manager.getManagedArrays().size();
            random.separate(TestImages.mixture(0, 1));
            int afterFirst = random.openArrayCount();

            for (int i = 0; i < 3; i++) {
                random.separate(TestImages.mixture(i, i + 1));
                random.separateAll(List.of(TestImages.mixture(i, 2), TestImages.mixture(i, 3)));
            }

            assertThat(random.openArrayCount()).as("arrays held by the runtime's model").isEqualTo(afterFirst);
            assertThat(manager.getManagedArrays().size()).as("arrays on the parameters' manager").isEqualTo(parameters);
        }

        private boolean closeEnough(float[] actual, float[] expected) {
            for (int i = 0; i < expected.length; i++) {
                if (Math.abs(actual[i] - expected[i]) > 1e-6f) {
                    return false;
                }
            }
            return true;
        }
    }

    @Nested
    class Closing {

        @Test
        void callAfterCloseIsRejected() {
            SeparatorRuntime runtime = SeparatorRuntime.of(randomNet, DESCRIPTION, 1);
            runtime.separate(TestImages.mixture(0, 1));

            runtime.close();

            assertThat(runtime.isClosed()).isTrue();
            assertThatThrownBy(() -> runtime.separate(TestImages.mixture(0, 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("This Unstacker is closed; load the model again to use it");
            assertThatThrownBy(() -> runtime.separate(new float[3]))
                    .as("the closed state is reported before the input is checked")
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void withBlockAfterCloseIsRejected() {
            SeparatorRuntime runtime = SeparatorRuntime.of(randomNet, DESCRIPTION, 1);
            runtime.close();

            assertThatThrownBy(() -> runtime.withBlock(block -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("This Unstacker is closed");
        }

        @Test
        void closeIsIdempotent() {
            SeparatorRuntime runtime = SeparatorRuntime.of(randomNet, DESCRIPTION, 1);

            runtime.close();
            runtime.close();

            assertThat(runtime.isClosed()).isTrue();
        }

        @Test
        void closeDuringCallsEndsThemCleanly() throws Exception {
            SeparatorRuntime runtime = SeparatorRuntime.of(randomNet, DESCRIPTION, 4);
            AtomicInteger results = new AtomicInteger();
            AtomicInteger rejections = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(30);
            ExecutorService threads = Executors.newFixedThreadPool(6);
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                callers.add(threads.submit(() -> {
                    while (true) {
                        try {
                            Separation result = runtime.separate(TestImages.mixture(thread, thread + 1));
                            assertThat(result.sourceCount()).isEqualTo(2);
                            results.incrementAndGet();
                            started.countDown();
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessageStartingWith("This Unstacker is closed");
                            rejections.incrementAndGet();
                            return null;
                        }
                    }
                }));
            }

            assertThat(started.await(30, TimeUnit.SECONDS)).as("callers got going").isTrue();
            runtime.close();

            for (Future<?> caller : callers) {
                caller.get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertThat(rejections.get()).as("every caller ends with a rejection").isEqualTo(6);
            assertThat(results.get()).isGreaterThanOrEqualTo(30);
        }
    }
}
