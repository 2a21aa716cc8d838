package dev.unstacker.core.inference;

import dev.unstacker.api.InvalidImageException;

/** Checks row-major pixel arrays before they reach the network. */
final class PixelChecks {

    private PixelChecks() {}

    /**
     * Rejects a null array, a length other than {@code width × height}, and any value that is NaN,
     * infinite or outside [0, 1], naming the first bad index.
     */
    static void check(String name, float[] pixels, int width, int height) {
        int expected = width * height;
        if (pixels == null) {
            throw new InvalidImageException(
                    name + " must not be null; pass " + expected + " pixel values in [0, 1] for a "
                            + width + "x" + height + " image");
        }
        if (pixels.length != expected) {
            throw new InvalidImageException(
                    name + " has " + pixels.length + " values, but a " + width + "x" + height
                            + " image needs exactly " + expected + " values in row-major order");
        }
        for (int i = 0; i < pixels.length; i++) {
            float value = pixels[i];
            if (!Float.isFinite(value)) {
                throw new InvalidImageException(
                        name + "[" + i + "] is " + value + "; pixel values must be finite numbers in [0, 1]");
            }
            if (value < 0f || value > 1f) {
                throw new InvalidImageException(
                        name + "[" + i + "] is " + value
                                + ", outside [0, 1]; pixel values must be in [0, 1], so divide 8-bit values by 255");
            }
        }
    }
}
