package dev.unstacker.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unstacker.api.InvalidImageException;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path folder;

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = folder.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("ImageIO has a %s writer", format).isTrue();
        return file;
    }

    @Nested
    class AcceptedFormats {

        @Test
        void grayPngKeepsFashionMnistPixels() throws IOException {
            float[] pixels = TestImages.fashion(3);
            Path file = write(TestImages.grayImage(pixels, 28, 28), "png", "item.png");

            ImageInput input = ImageInput.read(file);

            assertThat(input.name()).isEqualTo(file.toString());
            assertThat(input.gray()).containsExactly(pixels);
        }

        @Test
        void jpegIsReadWithinCompressionError() throws IOException {
            float[] pixels = TestImages.fashion(4);
            Path file = write(TestImages.grayImage(pixels, 28, 28), "jpeg", "item.jpg");

            float[] gray = ImageInput.read(file).gray();

            double meanError = 0;
            for (int i = 0; i < pixels.length; i++) {
                meanError += Math.abs(gray[i] - pixels[i]) / pixels.length;
            }
            assertThat(meanError).as("mean absolute JPEG error").isLessThan(0.05);
        }

        @Test
        void sixteenBitPngIsScaledBy65535() throws IOException {
            BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
            image.getRaster().setSample(0, 0, 0, 1000);
            image.getRaster().setSample(1, 0, 0, 65535);
            Path file = write(image, "png", "deep.png");

            float[] gray = ImageInput.read(file).gray();

            assertThat(gray[0]).as("a value 8 bits cannot hold").isCloseTo(1000 / 65535f, within(1e-7f));
            assertThat(gray[1]).isEqualTo(1f);
        }

        @Test
        void rgbaPngKeepsItsAlpha() throws IOException {
            BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
            image.setRGB(0, 0, new Color(0, 0, 255, 255).getRGB());
            image.setRGB(1, 0, new Color(255, 255, 255, 0).getRGB());
            Path file = write(image, "png", "cutout.png");

            ImageInput input = ImageInput.read(file);

            assertThat(input.hasAlpha()).isTrue();
            assertThat(input.gray()[0]).as("blue luma").isCloseTo(0.114f, within(1e-6f));
            assertThat(input.alphaView()).containsExactly(1f, 0f);
        }

        @Test
        void sixteenBitColourPngKeepsItsPrecision() throws IOException {
            ComponentColorModel model = new ComponentColorModel(
                    ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16}, false, false,
                    Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
            BufferedImage image = new BufferedImage(model, model.createCompatibleWritableRaster(1, 1), false, null);
            image.getRaster().setPixel(0, 0, new int[] {25800, 25800, 25800});
            Path file = write(image, "png", "deep-colour.png");

            float[] gray = ImageInput.read(file).gray();

            assertThat(gray[0]).as("25800 / 65535; 8 bits would give 100 / 255")
                    .isCloseTo(25800 / 65535f, within(1e-6f));
        }

        @Test
        void paletteGifGoesThroughItsPalette() throws IOException {
            byte[] red = {0, (byte) 200, 0, 0};
            byte[] green = {0, (byte) 100, 0, 0};
            byte[] blue = {0, (byte) 50, 0, 0};
            IndexColorModel palette = new IndexColorModel(2, 4, red, green, blue);
            BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
            image.getRaster().setSample(1, 0, 0, 1);
            Path file = write(image, "gif", "palette.gif");

            float[] gray = ImageInput.read(file).gray();

            assertThat(gray[0]).isZero();
            assertThat(gray[1]).as("luma of (200, 100, 50)")
                    .isCloseTo((float) ((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255), within(1e-6f));
        }
    }

    @Nested
    class RejectedFiles {

        @Test
        void animatedGifIsRejected() throws IOException {
            Path file = folder.resolve("animated.gif");
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (int frame = 0; frame < 2; frame++) {
                    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
                    image.getRaster().setSample(frame, frame, 0, 1);
                    writer.writeToSequence(new IIOImage(image, null, null), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("Image file " + file + " contains more than one image (an animation or several pages);"
                            + " save the frame to separate as an image file of its own and pass that");
        }

        @Test
        void nullPathIsRejected() {
            assertThatThrownBy(() -> ImageInput.read(null))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("file must not be null; pass the path of an image file (")
                    .hasMessageContaining("png");
        }

        @Test
        void missingFileIsRejected() {
            Path file = folder.resolve("missing.png");

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("Image file " + file + " does not exist; pass the path of an existing image file");
        }

        @Test
        void directoryIsRejected() {
            assertThatThrownBy(() -> ImageInput.read(folder))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("Image file " + folder + " is a directory; pass the path of an image file");
        }

        @Test
        void emptyFileIsRejected() throws IOException {
            Path file = Files.createFile(folder.resolve("empty.png"));

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("Image file " + file + " is empty (0 bytes); pass an image file (");
        }

        @Test
        void fileOverTheSizeLimitIsRejected() throws IOException {
            Path file = folder.resolve("huge.png");
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(ImageFiles.MAX_FILE_BYTES + 1);
            }

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("Image file " + file + " has 67,108,865 bytes, over the limit of 67,108,864 bytes"
                            + " (64 MiB); pass a smaller image");
        }

        @Test
        void textFileNamedPngIsRejected() throws IOException {
            Path file = Files.writeString(folder.resolve("notes.png"), "not an image\n", StandardCharsets.UTF_8);

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("Image file " + file + " is not in an image format that ImageIO reads;"
                            + " pass one of: ")
                    .hasMessageContaining("gif")
                    .hasMessageContaining("jpeg")
                    .hasMessageContaining("png");
        }

        @Test
        void truncatedPngIsRejected() throws IOException {
            float[] noise = new float[64 * 64];
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = random.nextFloat();
            }
            Path whole = write(TestImages.grayImage(noise, 64, 64), "png", "whole.png");
            Path file = TestImages.truncatedCopy(whole, folder.resolve("half.png"), 0.5);

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("Image file " + file + " cannot be decoded: ")
                    .hasMessageEndingWith("; the file is damaged, truncated or an unsupported variant of its format");
        }

        @Test
        void truncatedJpegIsRejected() throws IOException {
            Path whole = write(TestImages.grayImage(TestImages.fashion(5), 28, 28), "jpeg", "whole.jpg");
            Path file = TestImages.truncatedCopy(whole, folder.resolve("half.jpg"), 0.6);

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("Image file " + file + " cannot be decoded: ");
        }

        @Test
        void oversizedHeaderIsRejectedBeforeDecoding() throws IOException {
            Path file = Files.write(folder.resolve("bomb.png"), TestImages.pngHeaderOnly(100_000, 100_000));

            long start = System.nanoTime();
            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessage("Image file " + file + " has 100000x100000 = 10,000,000,000 pixels, over the limit"
                            + " of 16,777,216 pixels (4096x4096); scale it down first");
            assertThat((System.nanoTime() - start) / 1e9).as("seconds to reject").isLessThan(1.0);
        }

        @Test
        void headerWithZeroWidthIsRejected() throws IOException {
            Path file = Files.write(folder.resolve("zero.png"), TestImages.pngHeaderOnly(0, 28));

            assertThatThrownBy(() -> ImageInput.read(file))
                    .isInstanceOf(InvalidImageException.class)
                    .hasMessageStartingWith("Image file " + file + " is damaged: its header cannot be read (");
        }
    }
}
