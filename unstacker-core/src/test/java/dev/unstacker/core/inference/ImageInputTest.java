package dev.unstacker.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.unstacker.api.InvalidImageException;
import dev.unstacker.core.engine.EngineSetup;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ImageInputTest {

    @Nested
    class AwtImages {

        @Test
        void colourBecomesBt601Luma() {
            BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, new Color(255, 0, 0).getRGB());
            image.setRGB(1, 0, new Color(0, 255, 0).getRGB());
            image.setRGB(2, 0, new Color(0, 0, 255).getRGB());

            float[] gray = ImageInput.of(image).gray();

            assertThat(gray[0]).as("pure red").isCloseTo(0.299f, within(1e-6f));
            assertThat(gray[1]).as("pure green").isCloseTo(0.587f, within(1e-6f));
            assertThat(gray[2]).as("pure blue").isCloseTo(0.114f, within(1e-6f));
        }

        @Test
        void eightBitGrayKeepsItsSampleValues() {
            BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSample(0, 0, 0, 51);
            image.getRaster().setSample(1, 0, 0, 128);

            float[] gray = ImageInput.of(image).gray();

            assertThat(gray).as("samples / 255, without an sRGB conversion").containsExactly(0.2f, 128 / 255f);
        }

        @Test
        void sixteenBitGrayIsScaledBy65535() {
            BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
            image.getRaster().setSample(0, 0, 0, 32768);
            image.getRaster().setSample(1, 0, 0, 65535);

            float[] gray = ImageInput.of(image).gray();

            assertThat(gray[0]).isCloseTo(32768 / 65535f, within(1e-7f));
            assertThat(gray[1]).isEqualTo(1f);
        }

        @Test
        void sixteenBitColourKeepsItsPrecision() {
            BufferedImage image = sixteenBitColour(2, false);
            image.getRaster().setPixel(0, 0, new int[] {25800, 25800, 25800});
            image.getRaster().setPixel(1, 0, new int[] {65535, 0, 0});

            float[] gray = ImageInput.of(image).gray();

            assertThat(gray[0]).as("gray 25800 / 65535, which 8 bits would round to 100 / 255")
                    .isCloseTo(25800 / 65535f, within(1e-6f));
            assertThat(gray[1]).as("pure red").isCloseTo(0.299f, within(1e-6f));
        }

        @Test
        void sixteenBitColourWithAlphaKeepsBoth() {
            BufferedImage image = sixteenBitColour(1, true);
            image.getRaster().setPixel(0, 0, new int[] {40000, 40000, 40000, 13107});

            ImageInput input = ImageInput.of(image);

            assertThat(input.gray()[0]).isCloseTo(40000 / 65535f, within(1e-6f));
            assertThat(input.alphaView()[0]).isCloseTo(0.2f, within(1e-6f));
        }

        private static BufferedImage sixteenBitColour(int width, boolean withAlpha) {
            ComponentColorModel model = new ComponentColorModel(
                    ColorSpace.getInstance(ColorSpace.CS_sRGB),
                    withAlpha ? new int[] {16, 16, 16, 16} : new int[] {16, 16, 16},
                    withAlpha,
                    false,
                    withAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                    DataBuffer.TYPE_USHORT);
            return new BufferedImage(model, model.createCompatibleWritableRaster(width, 1), false, null);
        }

        @Test
        void floatGrayIsReadWithoutGamma() {
            BufferedImage image = floatGray(0.6f, 0.25f);

            float[] gray = ImageInput.of(image).gray();

            assertThat(gray[0]).as("the sample itself, not its sRGB encoding").isEqualTo(0.6f);
            assertThat(gray[1]).isEqualTo(0.25f);
        }

        @Test
        void floatGrayWithNanIsRejected() {
            BufferedImage image = floatGray(0.6f, Float.NaN);

            assertThatThrownBy(() -> ImageInput.of(image))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageContaining("has a gray value of NaN at pixel 1");
        }

        private static BufferedImage floatGray(float first, float second) {
            ComponentColorModel model = new ComponentColorModel(
                    ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
            BufferedImage image = new BufferedImage(model, model.createCompatibleWritableRaster(2, 1), false, null);
            image.getRaster().setSample(0, 0, 0, first);
            image.getRaster().setSample(1, 0, 0, second);
            return image;
        }

        @Test
        void alphaIsKeptSeparately() {
            BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
            image.setRGB(0, 0, new Color(255, 255, 255, 51).getRGB());

            ImageInput input = ImageInput.of(image);

            assertThat(input.hasAlpha()).isTrue();
            assertThat(input.gray()).as("colour before compositing").containsExactly(1f);
            assertThat(input.alphaView()).containsExactly(0.2f);
        }

        @Test
        void indexedColourGoesThroughItsPalette() {
            byte[] red = {0, (byte) 255};
            byte[] green = {0, (byte) 255};
            byte[] blue = {0, 0};
            IndexColorModel palette = new IndexColorModel(1, 2, red, green, blue);
            BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
            image.getRaster().setSample(1, 0, 0, 1);

            float[] gray = ImageInput.of(image).gray();

            assertThat(gray[0]).as("palette entry 0, black").isZero();
            assertThat(gray[1]).as("palette entry 1, yellow").isCloseTo(0.886f, within(1e-6f));
        }

        @Test
        void nullImageIsRejected() {
            assertThatThrownBy(() -> ImageInput.of((BufferedImage) null))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("image must not be null; pass a BufferedImage, for example from ImageIO.read");
        }
    }

    @Nested
    class DjlInputs {

        @Test
        void wrappedAwtImageIsConvertedDirectly() {
            BufferedImage awt = TestImages.grayImage(TestImages.fashion(0), 28, 28);
            Image image = ImageFactory.getInstance().fromImage(awt);

            ImageInput input = ImageInput.of(image);

            assertThat(input.width()).isEqualTo(28);
            assertThat(input.name()).isEqualTo("DJL image");
            assertThat(input.gray()).containsExactly(ImageInput.of(awt).gray());
        }

        @Test
        void otherImagesAreReadThroughTheirPixels() {
            Image image = mock(Image.class);
            when(image.getWrappedImage()).thenReturn("not an AWT image");
            when(image.getWidth()).thenReturn(2);
            when(image.getHeight()).thenReturn(1);
            when(image.toNDArray(any(NDManager.class), eq(Image.Flag.COLOR)))
                    .thenAnswer(call -> call.getArgument(0, NDManager.class)
                            .create(new byte[] {(byte) 255, 0, 0, 10, 10, 10}, new Shape(1, 2, 3)));

            float[] gray = ImageInput.of(image).gray();

            assertThat(gray[0]).as("red").isCloseTo(0.299f, within(1e-6f));
            assertThat(gray[1]).as("dark gray").isCloseTo(10 / 255f, within(1e-6f));
        }

        @Test
        void imageWithoutPixelsIsRejected() {
            EngineSetup.engine();
            Image image = mock(Image.class);
            when(image.getWrappedImage()).thenReturn("not an AWT image");
            when(image.getWidth()).thenReturn(0);
            when(image.getHeight()).thenReturn(5);

            assertThatThrownBy(() -> ImageInput.of(image))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("DJL image has no pixels (width 0, height 5); pass an image of at least 1x1 pixels");
        }

        @Test
        void nullImageIsRejected() {
            assertThatThrownBy(() -> ImageInput.of((Image) null))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("image must not be null");
        }
    }

    @Nested
    class PixelArrays {

        @Test
        void valuesAreCopied() {
            float[] pixels = {0f, 0.5f, 1f, 0.25f};

            ImageInput input = ImageInput.ofPixels(pixels, 2, 2);
            pixels[0] = 1f;

            assertThat(input.gray()).containsExactly(0f, 0.5f, 1f, 0.25f);
            assertThat(input.hasAlpha()).isFalse();
        }

        @Test
        void wrongLengthIsRejectedWithTheExpectedLength() {
            assertThatThrownBy(() -> ImageInput.ofPixels(new float[5], 2, 2))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("pixels has 5 values, but a 2x2 image needs exactly 4 values in row-major order");
        }

        @Test
        void nanIsRejectedWithItsIndex() {
            assertThatThrownBy(() -> ImageInput.ofPixels(new float[] {0f, 0f, Float.NaN, 0f}, 2, 2))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("pixels[2] is NaN; pixel values must be finite numbers in [0, 1]");
        }

        @Test
        void infinityIsRejectedWithItsIndex() {
            assertThatThrownBy(() -> ImageInput.ofPixels(new float[] {Float.NEGATIVE_INFINITY, 0f, 0f, 0f}, 2, 2))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("pixels[0] is -Infinity; pixel values must be finite numbers in [0, 1]");
        }

        @Test
        void eightBitValuesAreRejected() {
            assertThatThrownBy(() -> ImageInput.ofPixels(new float[] {0f, 255f, 0f, 0f}, 2, 2))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("pixels[1] is 255.0, outside [0, 1]; pixel values must be in [0, 1],"
                            + " so divide 8-bit values by 255");
        }

        @Test
        void zeroSizeIsRejected() {
            assertThatThrownBy(() -> ImageInput.ofPixels(new float[0], 0, 28))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("pixels has no pixels (width 0, height 28); pass an image of at least 1x1 pixels");
        }

        @Test
        void moreThanMaxPixelsIsRejected() {
            assertThatThrownBy(() -> ImageInput.ofPixels(new float[0], 5000, 5000))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("pixels has 5000x5000 = 25,000,000 pixels, over the limit of 16,777,216 pixels"
                            + " (4096x4096); scale it down first");
        }

        @Test
        void nullIsRejected() {
            assertThatThrownBy(() -> ImageInput.ofPixels(null, 28, 28))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("pixels must not be null; pass 784 pixel values in [0, 1] for a 28x28 image");
        }
    }
}
