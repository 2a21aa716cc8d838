package dev.unstacker.examples.report;

import java.util.List;
import java.util.Objects;

/**
 * One mixture of a {@link SeparationGrid}, with its true sources and the model's estimates.
 *
 * <p>Pixel arrays are row-major with values in [0, 1] and are not copied, so a caller must not
 * change them before the grid is written.
 *
 * @param mixture the overlaid input
 * @param sources the true sources, K of them
 * @param estimates the estimates, already put in the order of their assigned sources
 * @param sourceLabels the class index of each source
 * @param psnrDb the PSNR in decibels of each estimate against its source
 */
public record GridRow(
        float[] mixture,
        List<float[]> sources,
        List<float[]> estimates,
        int[] sourceLabels,
        float[] psnrDb) {

    /**
     * Checks that every per-source list has one entry per source.
     *
     * @throws IllegalArgumentException if the lists and arrays differ in length
     */
    public GridRow {
        Objects.requireNonNull(mixture, "mixture");
        sources = List.copyOf(sources);
        estimates = List.copyOf(estimates);
        Objects.requireNonNull(sourceLabels, "sourceLabels");
        Objects.requireNonNull(psnrDb, "psnrDb");

        int count = sources.size();
        if (estimates.size() != count || sourceLabels.length != count || psnrDb.length != count) {
            throw new IllegalArgumentException(String.format(
                    "Grid row has %d sources but %d estimates, %d source labels and %d PSNR values."
                            + " Pass one of each per source.",
                    count, estimates.size(), sourceLabels.length, psnrDb.length));
        }
    }

    /** Returns the number of sources K. */
    public int sourceCount() {
        return sources.size();
    }
}
