package dev.unstacker.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PreparedInputTest {

    private static ImageInput filled(int width, int height, float value) {
        float[] pixels = new float[width * height];
        Arrays.fill(pixels, value);
        return ImageInput.ofPixels(pixels, width, height);
    }

    /** Returns a transparent 28×28 image with an opaque square of the given gray in the middle. */
    private static ImageInput cutout(int gray) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        for (int y = 8; y < 20; y++) {
            for (int x = 8; x < 20; x++) {
                image.setRGB(x, y, new Color(gray, gray, gray, 255).getRGB());
            }
        }
        return ImageInput.of(image);
    }

    @Nested
    class AutomaticBackground {

        @Test
        void fashionMnistImageIsDark() {
            ImageInput input = ImageInput.ofPixels(TestImages.fashion(0), 28, 28);

            assertThat(BackgroundRule.resolve(Background.AUTO, input)).isEqualTo(Background.DARK);
        }

        @Test
        void invertedFashionMnistImageIsLight() {
            ImageInput input = ImageInput.ofPixels(TestImages.inverted(TestImages.fashion(0)), 28, 28);

            assertThat(BackgroundRule.resolve(Background.AUTO, input)).isEqualTo(Background.LIGHT);
        }

        @Test
        void borderMedianDecidesNotTheMean() {
            float[] pixels = new float[9];
            Arrays.fill(pixels, 0.6f);
            pixels[0] = 0f;
            pixels[1] = 0f;
            pixels[2] = 0f;

            ImageInput input = ImageInput.ofPixels(pixels, 3, 3);

            assertThat(BackgroundRule.resolve(Background.AUTO, input))
                    .as("5 of 8 border pixels are 0.6, so the median is 0.6 although the mean is 0.375")
                    .isEqualTo(Background.LIGHT);
        }

        @Test
        void transparentBorderWithDarkObjectIsLight() {
            assertThat(BackgroundRule.resolve(Background.AUTO, cutout(30))).isEqualTo(Background.LIGHT);
        }

        @Test
        void transparentBorderWithLightObjectIsDark() {
            assertThat(BackgroundRule.resolve(Background.AUTO, cutout(220))).isEqualTo(Background.DARK);
        }

        @Test
        void explicitSettingWins() {
            ImageInput white = filled(4, 4, 1f);

            assertThat(BackgroundRule.resolve(Background.DARK, white)).isEqualTo(Background.DARK);
        }

        @Test
        void borderIndicesCoverEachEdgePixelOnce() {
            assertThat(BackgroundRule.borderIndices(3, 3)).containsExactly(0, 1, 2, 3, 5, 6, 7, 8);
            assertThat(BackgroundRule.borderIndices(1, 3)).containsExactly(0, 1, 2);
            assertThat(BackgroundRule.borderIndices(3, 1)).containsExactly(0, 1, 2);
        }
    }

    @Nested
    class Conversion {

        @Test
        void lightBackgroundIsInvertedForTheNetwork() {
            float[] item = TestImages.fashion(1);

            PreparedInput prepared = PreparedInput.prepare(
                    ImageInput.ofPixels(TestImages.inverted(item), 28, 28), Background.AUTO, 28, 28);

            assertThat(prepared.inverted()).isTrue();
            assertThat(prepared.modelPixels()).containsExactly(invertedTwice(item));
        }

        @Test
        void transparencyBecomesBlackEitherWay() {
            PreparedInput dark = PreparedInput.prepare(cutout(220), Background.DARK, 28, 28);
            PreparedInput light = PreparedInput.prepare(cutout(30), Background.LIGHT, 28, 28);

            assertThat(dark.modelPixels()[0]).as("transparent corner over black").isZero();
            assertThat(light.modelPixels()[0]).as("transparent corner over white, inverted").isZero();
            assertThat(light.modelPixels()[14 * 28 + 14]).as("dark object, inverted")
                    .isCloseTo(1 - 30 / 255f, within(1e-6f));
        }

        @Test
        void modelSizedInputIsUnchanged() {
            float[] item = TestImages.fashion(2);

            PreparedInput prepared = PreparedInput.prepare(ImageInput.ofPixels(item, 28, 28), Background.DARK, 28, 28);

            assertThat(prepared.modelPixels()).containsExactly(item);
        }

        private float[] invertedTwice(float[] values) {
            return TestImages.inverted(TestImages.inverted(values));
        }
    }

    @Nested
    class Placement {

        @Test
        void wideInputIsCentredWithPadding() {
            InputPlacement placement = InputPlacement.fit(40, 20, 28, 28);

            assertThat(placement.scaledWidth()).isEqualTo(28);
            assertThat(placement.scaledHeight()).isEqualTo(14);
            assertThat(placement.left()).isZero();
            assertThat(placement.top()).isEqualTo(7);
        }

        @Test
        void paddingIsBlackAndContentKeepsItsValue() {
            float[] model = InputPlacement.fit(40, 20, 28, 28).toModel(filledArray(40 * 20, 0.8f));

            assertThat(model[0]).as("padding row").isZero();
            assertThat(model[6 * 28 + 14]).as("last padding row").isZero();
            assertThat(model[7 * 28 + 14]).as("first content row").isCloseTo(0.8f, within(1e-6f));
            assertThat(model[20 * 28 + 14]).as("last content row").isCloseTo(0.8f, within(1e-6f));
            assertThat(model[21 * 28 + 14]).as("padding below").isZero();
        }

        @Test
        void areaDownscaleKeepsTheMean() {
            float[] pixels = new float[56 * 56];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (i * 37 % 101) / 100f;
            }

            float[] small = Resampling.resize(pixels, 56, 56, 28, 28);

            assertThat(mean(small)).isCloseTo(mean(pixels), within(1e-5));
            float expectedFirst = (pixels[0] + pixels[1] + pixels[56] + pixels[57]) / 4;
            assertThat(small[0]).as("average of the first 2x2 block").isCloseTo(expectedFirst, within(1e-6f));
        }

        @Test
        void nonIntegerDownscaleKeepsTheMean() {
            float[] pixels = new float[100 * 30];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (i * 13 % 17) / 16f;
            }

            float[] small = Resampling.resize(pixels, 100, 30, 28, 9);

            assertThat(mean(small)).isCloseTo(mean(pixels), within(1e-4));
        }

        @Test
        void roundTripReturnsTheInputSize() {
            InputPlacement placement = InputPlacement.fit(50, 90, 28, 28);
            float[] model = placement.toModel(filledArray(50 * 90, 0.4f));

            float[] back = placement.toInput(model);

            assertThat(back).hasSize(50 * 90);
            assertThat(back[0]).isCloseTo(0.4f, within(1e-6f));
            assertThat(back[back.length - 1]).isCloseTo(0.4f, within(1e-6f));
        }

        @Test
        void bilinearUpscaleStaysWithinTheInputRange() {
            float[] up = Resampling.resize(new float[] {0f, 1f, 1f, 0f}, 2, 2, 7, 5);

            for (float value : up) {
                assertThat(value).isBetween(0f, 1f);
            }
            assertThat(up[0]).as("corner keeps its value").isZero();
        }

        private float[] filledArray(int length, float value) {
            float[] array = new float[length];
            Arrays.fill(array, value);
            return array;
        }

        private double mean(float[] values) {
            double sum = 0;
            for (float value : values) {
                sum += value;
            }
            return sum / values.length;
        }
    }
}
