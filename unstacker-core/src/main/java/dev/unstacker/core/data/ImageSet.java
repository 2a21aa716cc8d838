package dev.unstacker.core.data;

import java.util.Objects;

/**
 * Grayscale images and their class labels, stored compactly as unsigned bytes (0–255).
 *
 * <p>Image {@code i} occupies {@code pixels[i * height * width, (i + 1) * height * width)} in
 * row-major order. The arrays are never exposed, so an instance cannot change after construction.
 * Readers scale pixels to [0, 1] with {@link #copyPixels(int, float[], int)}.
 */
public final class ImageSet {

    /** Pixel value {@code v} scaled to [0, 1] as {@code v / 255f}, looked up instead of divided. */
    private static final float[] SCALED = new float[256];

    static {
        for (int v = 0; v < SCALED.length; v++) {
            SCALED[v] = v / 255f;
        }
    }

    private final byte[] pixels;
    private final byte[] labels;
    private final int height;
    private final int width;

    private ImageSet(byte[] pixels, byte[] labels, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "Image height and width must be positive, but were " + height + " and " + width + ".");
        }
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException(
                    "Expected " + labels.length + " images of " + height + "x" + width + " = "
                            + (long) labels.length * height * width + " pixels for " + labels.length
                            + " labels, but got " + pixels.length + " pixels.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(
                        "Labels must be 0-127, but label " + i + " is " + (labels[i] & 0xFF) + ".");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
    }

    /**
     * Creates an image set from copies of the given arrays.
     *
     * @param pixels unsigned pixel bytes of all images, image after image, row-major
     * @param labels one class label per image
     * @param height rows per image
     * @param width columns per image
     * @return the image set
     * @throws IllegalArgumentException if the pixel count is not {@code labels.length * height * width}
     */
    public static ImageSet of(byte[] pixels, byte[] labels, int height, int width) {
        return new ImageSet(pixels.clone(), labels.clone(), height, width);
    }

    /** Creates an image set that takes ownership of arrays that no other code references. */
    static ImageSet wrap(byte[] pixels, byte[] labels, int height, int width) {
        return new ImageSet(pixels, labels, height, width);
    }

    /**
     * Returns the number of images.
     *
     * @return the image count
     */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the number of rows per image.
     *
     * @return the image height in pixels
     */
    public int height() {
        return height;
    }

    /**
     * Returns the number of columns per image.
     *
     * @return the image width in pixels
     */
    public int width() {
        return width;
    }

    /**
     * Returns the number of pixels per image, {@code height() * width()}.
     *
     * @return the pixel count of one image
     */
    public int pixelsPerImage() {
        return height * width;
    }

    /**
     * Returns the class label of an image.
     *
     * @param i the image index
     * @return the label, 0–9 for Fashion-MNIST
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * Returns one raw pixel.
     *
     * @param i the image index
     * @param position the row-major pixel position, {@code row * width() + column}
     * @return the pixel value, 0–255
     */
    public int pixel(int i, int position) {
        return pixels[i * pixelsPerImage() + position] & 0xFF;
    }

    /**
     * Writes an image scaled to [0, 1] (value / 255) into {@code out}, row-major.
     *
     * @param i the image index
     * @param out the destination, with room for {@link #pixelsPerImage()} values at {@code offset}
     * @param offset where the first pixel goes
     * @throws IndexOutOfBoundsException if {@code i} or the destination range is out of bounds
     */
    public void copyPixels(int i, float[] out, int offset) {
        int count = pixelsPerImage();
        Objects.checkFromIndexSize(offset, count, out.length);
        int start = Objects.checkIndex(i, size()) * count;
        for (int p = 0; p < count; p++) {
            out[offset + p] = SCALED[pixels[start + p] & 0xFF];
        }
    }

    /**
     * Returns how many images carry each label from 0 to {@code classCount - 1}.
     *
     * @param classCount the number of classes
     * @return the count per label
     * @throws IndexOutOfBoundsException if a label is negative or not below {@code classCount}
     */
    public int[] labelCounts(int classCount) {
        int[] counts = new int[classCount];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Returns the mean raw pixel value over all images, on the 0–255 scale.
     *
     * @return the mean pixel value, or 0 for an empty set
     */
    public double meanPixel() {
        if (pixels.length == 0) {
            return 0;
        }
        long sum = 0;
        for (byte pixel : pixels) {
            sum += pixel & 0xFF;
        }
        return (double) sum / pixels.length;
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " images of " + height + "x" + width + "]";
    }
}
