package dev.unstacker.core.inference;

import ai.djl.modality.cv.Image;
import dev.unstacker.api.InvalidImageException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An input image as gray values in [0, 1] at its own size, with its transparency if it has any.
 *
 * <p>Every factory checks its input and throws {@link InvalidImageException}, with a message that
 * names the input, what is wrong and what is accepted, for a null or empty input, an unreadable
 * file, invalid pixel values, or more than {@link #MAX_PIXELS} pixels. Colour is reduced to BT.601
 * luma ({@code 0.299 R + 0.587 G + 0.114 B}); gray images keep their sample values, scaled by the
 * largest value of their bit depth (255, or 65535 for 16-bit gray).
 */
public final class ImageInput {

    /**
     * The largest number of pixels an input may have: 16,777,216, as in a 4096×4096 image. A file is
     * checked against it from its header, before decoding, so a forged header cannot exhaust memory.
     */
    public static final long MAX_PIXELS = 4096L * 4096L;

    private final String name;
    private final int width;
    private final int height;
    private final float[] gray;
    private final float[] alpha;

    /** Takes ownership of the arrays, which the caller must not change afterwards. */
    ImageInput(String name, int width, int height, float[] gray, float[] alpha) {
        this.name = name;
        this.width = width;
        this.height = height;
        this.gray = gray;
        this.alpha = alpha;
    }

    /**
     * Converts an AWT image of any type: colour, gray of 8 or 16 bits, indexed colour, with or
     * without alpha.
     *
     * @param image the image
     * @return the converted input, named "image" in messages
     * @throws InvalidImageException if {@code image} is null or has more than {@link #MAX_PIXELS}
     *     pixels
     */
    public static ImageInput of(BufferedImage image) {
        return of(image, "image");
    }

    /**
     * Converts a DJL image, through the AWT image it wraps when there is one, and otherwise through
     * its {@code toNDArray} pixels, which DJL gives in 0–255.
     *
     * @param image the image
     * @return the converted input, named "DJL image" in messages
     * @throws InvalidImageException if {@code image} is null, has no pixels, more than
     *     {@link #MAX_PIXELS} pixels, or a channel count other than 1, 3 or 4
     */
    public static ImageInput of(Image image) {
        if (image == null) {
            throw new InvalidImageException(
                    "image must not be null; pass a DJL Image, for example from ImageFactory.getInstance()");
        }
        if (image.getWrappedImage() instanceof BufferedImage wrapped) {
            return of(wrapped, "DJL image");
        }
        return DjlImages.convert(image, "DJL image");
    }

    /**
     * Reads an image file with {@code javax.imageio}, after the checks that {@link ImageFiles#read}
     * describes.
     *
     * @param file the file
     * @return the converted input, named by the file's path in messages
     * @throws InvalidImageException if the file is missing, empty, too large, not an image, damaged
     *     or has too many pixels
     */
    public static ImageInput read(Path file) {
        BufferedImage image = ImageFiles.read(file);
        return of(image, file.toString());
    }

    /**
     * Wraps row-major gray values of any size. Values outside [0, 1] are rejected rather than
     * clamped, because they usually mean 8-bit values that were not divided by 255.
     *
     * @param pixels {@code width × height} values in [0, 1], row by row; copied
     * @param width the width in pixels
     * @param height the height in pixels
     * @return the input, named "pixels" in messages
     * @throws InvalidImageException if {@code pixels} is null, has the wrong length, or contains a NaN,
     *     an infinity or a value outside [0, 1], or if the size is empty or over {@link #MAX_PIXELS}
     */
    public static ImageInput ofPixels(float[] pixels, int width, int height) {
        checkDimensions("pixels", width, height);
        PixelChecks.check("pixels", pixels, width, height);
        return new ImageInput("pixels", width, height, pixels.clone(), null);
    }

    static ImageInput of(BufferedImage image, String name) {
        if (image == null) {
            throw new InvalidImageException(
                    name + " must not be null; pass a BufferedImage, for example from ImageIO.read");
        }
        checkDimensions(name, image.getWidth(), image.getHeight());
        return GrayConversion.convert(image, name);
    }

    /** Rejects an image with no pixels or with more than {@link #MAX_PIXELS}. */
    static void checkDimensions(String name, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException(
                    name + " has no pixels (width " + width + ", height " + height
                            + "); pass an image of at least 1x1 pixels");
        }
        if (width * height > MAX_PIXELS) {
            throw new InvalidImageException(String.format(
                    Locale.ROOT,
                    "%s has %dx%d = %,d pixels, over the limit of %,d pixels (4096x4096); scale it down first",
                    name, width, height, width * height, MAX_PIXELS));
        }
    }

    /**
     * Returns the name used in messages: "image", "DJL image", "pixels" or the file's path.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the width.
     *
     * @return the width in pixels
     */
    public int width() {
        return width;
    }

    /**
     * Returns the height.
     *
     * @return the height in pixels
     */
    public int height() {
        return height;
    }

    /**
     * Returns whether the input has an alpha channel.
     *
     * @return true if it has transparency information
     */
    public boolean hasAlpha() {
        return alpha != null;
    }

    /**
     * Returns the gray values, before transparency is composited over a background.
     *
     * @return a copy of the row-major values in [0, 1]
     */
    public float[] gray() {
        return gray.clone();
    }

    /** Returns the gray values without copying; the caller must not change them. */
    float[] grayView() {
        return gray;
    }

    /** Returns the alpha values in [0, 1] without copying, or null for an opaque image. */
    float[] alphaView() {
        return alpha;
    }
}
