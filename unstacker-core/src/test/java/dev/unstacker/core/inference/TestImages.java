package dev.unstacker.core.inference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/** Real Fashion-MNIST pixels and hand-made image files for the inference tests. */
final class TestImages {

    /** The Fashion-MNIST test images as installed by the Debian package dataset-fashion-mnist. */
    static final Path FASHION_TEST_IMAGES = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");

    private static final int COUNT = 64;
    private static final float[][] FASHION = readFashion();

    private TestImages() {}

    /** Returns one of the first 64 Fashion-MNIST test images as 784 values in [0, 1]. */
    static float[] fashion(int index) {
        return FASHION[index].clone();
    }

    /** Returns the equal-weight average of two Fashion-MNIST test images. */
    static float[] mixture(int first, int second) {
        float[] a = FASHION[first];
        float[] b = FASHION[second];
        float[] mixture = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            mixture[i] = 0.5f * a[i] + 0.5f * b[i];
        }
        return mixture;
    }

    /** Returns {@code 1 − v} for every value. */
    static float[] inverted(float[] values) {
        float[] inverted = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            inverted[i] = 1f - values[i];
        }
        return inverted;
    }

    /** Renders values in [0, 1] as an 8-bit gray image. */
    static BufferedImage grayImage(float[] values, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, Math.round(values[y * width + x] * 255));
            }
        }
        return image;
    }

    /**
     * Returns a PNG that has only a signature, an 8-bit gray IHDR chunk with the given size, and an
     * IEND chunk: a header that claims pixels the file does not contain.
     */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
        header.put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        writeChunk(out, "IHDR", header.array());
        writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Writes the first {@code fraction} of a file's bytes to a new file. */
    static Path truncatedCopy(Path source, Path target, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        byte[] head = java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction));
        return Files.write(target, head);
    }

    private static float[][] readFashion() {
        try (InputStream file = Files.newInputStream(FASHION_TEST_IMAGES);
                DataInputStream in = new DataInputStream(new GZIPInputStream(file))) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IOException(FASHION_TEST_IMAGES + " is not an IDX image file (magic " + magic + ")");
            }
            in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            float[][] images = new float[COUNT][rows * columns];
            byte[] pixels = new byte[rows * columns];
            for (float[] image : images) {
                in.readFully(pixels);
                for (int i = 0; i < pixels.length; i++) {
                    image[i] = (pixels[i] & 0xff) / 255f;
                }
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
