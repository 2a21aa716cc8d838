package dev.unstacker.api;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * The result of separating one mixture: the estimated sources and how well they explain the input.
 *
 * <p>Estimates have no natural order: the first estimate is not tied to any particular source.
 */
public final class Separation {

    private final List<BufferedImage> images;
    private final List<float[]> arrays;
    private final double mixtureError;

    /**
     * Creates a separation result.
     *
     * @param images the estimates as 8-bit grayscale images, one per source
     * @param arrays the estimates as row-major pixel arrays with values in [0, 1], one per source
     * @param mixtureError the mean absolute difference between the input mixture and the weighted
     *     sum of the estimates, in pixel units of [0, 1]
     * @throws IllegalArgumentException if the lists differ in length or have fewer than 2 entries
     */
    public Separation(List<BufferedImage> images, List<float[]> arrays, double mixtureError) {
        this.images = List.copyOf(Objects.requireNonNull(images, "images"));
        this.arrays = List.copyOf(Objects.requireNonNull(arrays, "arrays"));
        if (this.images.size() != this.arrays.size()) {
            throw new IllegalArgumentException(
                    "images and arrays must have one entry per source, but got "
                            + this.images.size() + " images and " + this.arrays.size() + " arrays");
        }
        if (this.images.size() < 2) {
            throw new IllegalArgumentException(
                    "A separation has at least 2 sources, but got " + this.images.size());
        }
        this.mixtureError = mixtureError;
    }

    /**
     * Returns the estimated sources as 8-bit grayscale images.
     *
     * @return an unmodifiable list with one image per source
     */
    public List<BufferedImage> images() {
        return images;
    }

    /**
     * Returns the estimated sources as row-major pixel arrays with values in [0, 1]. The arrays are
     * the caller's to modify.
     *
     * @return an unmodifiable list with one array per source
     */
    public List<float[]> arrays() {
        return arrays.stream().map(float[]::clone).toList();
    }

    /**
     * Returns the mean absolute difference between the input mixture and the weighted sum of the
     * estimates. A large value means the estimates do not add up to the input, which is a cheap sign that
     * the separation is unreliable. A mixture-consistent model keeps it near zero unless clamping
     * its estimates to [0, 1] changes them.
     *
     * @return the error in pixel units of [0, 1]
     */
    public double mixtureError() {
        return mixtureError;
    }

    /**
     * Returns the number of estimated sources.
     *
     * @return K, at least 2
     */
    public int sourceCount() {
        return images.size();
    }
}
