package dev.unstacker.core.mix;

import dev.unstacker.core.data.ImageSet;
import java.util.Objects;

/**
 * Overlays K source images into one mixture, O = Σ wᵢ·Sᵢ, on pixels scaled to [0, 1].
 *
 * <p>The sum runs in float from the first source to the last, with each weight rounded to float
 * once: {@code out = w₀·S₀; out += w₁·S₁; …}. Code that must reproduce a mixture bit for bit uses
 * the same order.
 */
public final class OverlayMixer {

    private final MixingSpec mixing;
    private final float[] weights;

    /**
     * Creates a mixer.
     *
     * @param mixing the source count and weights
     */
    public OverlayMixer(MixingSpec mixing) {
        this.mixing = Objects.requireNonNull(mixing, "mixing");
        this.weights = new float[mixing.sourceCount()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) mixing.weight(k);
        }
    }

    /**
     * Returns the source count and weights.
     *
     * @return the mixing spec
     */
    public MixingSpec mixing() {
        return mixing;
    }

    /**
     * Writes the mixture of K images into {@code out}.
     *
     * @param images the images to draw from
     * @param indices an array that contains the K image indices at {@code [from, from + K)}
     * @param from the position of the first index
     * @param out the destination, with room for one image at {@code offset}
     * @param offset where the first pixel goes
     * @throws IndexOutOfBoundsException if an index or the destination range is out of bounds
     */
    public void mixInto(ImageSet images, int[] indices, int from, float[] out, int offset) {
        int count = images.pixelsPerImage();
        Objects.checkFromIndexSize(from, weights.length, indices.length);
        images.copyPixels(indices[from], out, offset);
        for (int p = 0; p < count; p++) {
            out[offset + p] *= weights[0];
        }

        float[] source = new float[count];
        for (int k = 1; k < weights.length; k++) {
            images.copyPixels(indices[from + k], source, 0);
            float weight = weights[k];
            for (int p = 0; p < count; p++) {
                out[offset + p] += weight * source[p];
            }
        }
    }

    /**
     * Writes the mixture of K images into a new array.
     *
     * @param images the images to draw from
     * @param indices the K image indices
     * @return the mixture, {@link ImageSet#pixelsPerImage()} values in [0, 1]
     * @throws IllegalArgumentException if there are not exactly K indices
     */
    public float[] mix(ImageSet images, int... indices) {
        checkCount(indices);
        float[] out = new float[images.pixelsPerImage()];
        mixInto(images, indices, 0, out, 0);
        return out;
    }

    /**
     * Writes the K sources of a mixture into {@code out}, one image after another, scaled to [0, 1].
     *
     * @param images the images to draw from
     * @param indices an array that contains the K image indices at {@code [from, from + K)}
     * @param from the position of the first index
     * @param out the destination, with room for K images at {@code offset}
     * @param offset where the first pixel goes
     * @throws IndexOutOfBoundsException if an index or the destination range is out of bounds
     */
    public void sourcesInto(ImageSet images, int[] indices, int from, float[] out, int offset) {
        Objects.checkFromIndexSize(from, weights.length, indices.length);
        int count = images.pixelsPerImage();
        for (int k = 0; k < weights.length; k++) {
            images.copyPixels(indices[from + k], out, offset + k * count);
        }
    }

    private void checkCount(int[] indices) {
        if (indices.length != weights.length) {
            throw new IllegalArgumentException("Expected " + weights.length
                    + " source indices, one per source, but got " + indices.length + ".");
        }
    }
}
