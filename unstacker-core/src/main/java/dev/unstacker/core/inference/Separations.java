package dev.unstacker.core.inference;

import dev.unstacker.api.Separation;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Separation} results from estimates as pixel arrays. */
final class Separations {

    private Separations() {}

    /**
     * Clamps the estimates to [0, 1] in place, renders them as 8-bit gray images, and measures the
     * mean absolute difference between the mixture and {@code Σ wᵢ·Eᵢ}.
     *
     * @param mixture the input, {@code width × height} values
     * @param estimates K arrays of {@code width × height} values, owned by the result from now on
     */
    static Separation build(float[] mixture, List<float[]> estimates, float[] weights, int width, int height) {
        for (float[] estimate : estimates) {
            for (int i = 0; i < estimate.length; i++) {
                estimate[i] = Math.min(1f, Math.max(0f, estimate[i]));
            }
        }

        double totalError = 0;
        for (int i = 0; i < mixture.length; i++) {
            double weightedSum = 0;
            for (int k = 0; k < estimates.size(); k++) {
                weightedSum += weights[k] * estimates.get(k)[i];
            }
            totalError += Math.abs(mixture[i] - weightedSum);
        }

        List<BufferedImage> images = new ArrayList<>(estimates.size());
        for (float[] estimate : estimates) {
            images.add(toImage(estimate, width, height));
        }
        return new Separation(images, estimates, totalError / mixture.length);
    }

    /** Renders values in [0, 1] as an 8-bit gray image, {@code round(v · 255)} per pixel. */
    static BufferedImage toImage(float[] values, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        // A new TYPE_BYTE_GRAY image stores its pixels row by row with no padding.
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.round(values[i] * 255f);
        }
        return image;
    }
}
