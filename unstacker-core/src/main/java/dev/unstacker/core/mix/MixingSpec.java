package dev.unstacker.core.mix;

import java.util.Arrays;
import java.util.Locale;

/**
 * How many sources a mixture overlays and the weight of each: O = Σ wᵢ·Sᵢ.
 *
 * <p>Weights are positive and sum to 1, so a mixture of [0, 1] images stays in [0, 1]. The default
 * is two sources with weight 1/2 each, the averaged overlay.
 */
public final class MixingSpec {

    /** Minimum number of sources per mixture. */
    public static final int MIN_SOURCES = 2;

    /** Maximum number of sources per mixture. */
    public static final int MAX_SOURCES = 8;

    /** How far the weights may sum from 1. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    private final double[] weights;

    private MixingSpec(double[] weights) {
        this.weights = weights;
    }

    /**
     * Returns the default: two sources, equally weighted.
     *
     * @return the averaged overlay of two images
     */
    public static MixingSpec defaults() {
        return equal(2);
    }

    /**
     * Creates equal weights 1/K.
     *
     * @param sourceCount K, from {@value #MIN_SOURCES} to {@value #MAX_SOURCES}
     * @return the spec
     * @throws IllegalArgumentException if {@code sourceCount} is out of range
     */
    public static MixingSpec equal(int sourceCount) {
        checkSourceCount(sourceCount);
        double[] weights = new double[sourceCount];
        Arrays.fill(weights, 1.0 / sourceCount);
        return new MixingSpec(weights);
    }

    /**
     * Creates a spec with the given weights.
     *
     * @param sourceCount K, from {@value #MIN_SOURCES} to {@value #MAX_SOURCES}
     * @param weights K positive, finite weights that sum to 1 within {@value #WEIGHT_SUM_TOLERANCE}
     * @return the spec
     * @throws IllegalArgumentException naming the setting, the invalid value and what is allowed
     */
    public static MixingSpec of(int sourceCount, double... weights) {
        checkSourceCount(sourceCount);
        if (weights.length != sourceCount) {
            throw new IllegalArgumentException("Invalid mixing weights " + Arrays.toString(weights) + ": expected "
                    + sourceCount + " weights, one per source, but got " + weights.length + ".");
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] <= 0) {
                throw new IllegalArgumentException("Invalid mixing weight " + i + " = " + weights[i]
                        + ": weights must be positive and finite.");
            }
            sum += weights[i];
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Invalid mixing weights %s: they sum to %s, "
                    + "but must sum to 1 within %s.", Arrays.toString(weights), sum, WEIGHT_SUM_TOLERANCE));
        }
        return new MixingSpec(weights.clone());
    }

    /**
     * Returns K, the number of sources per mixture.
     *
     * @return the source count
     */
    public int sourceCount() {
        return weights.length;
    }

    /**
     * Returns the weight of one source.
     *
     * @param source the source position, 0 to K-1
     * @return its weight
     */
    public double weight(int source) {
        return weights[source];
    }

    /**
     * Returns all weights.
     *
     * @return a copy of the K weights
     */
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MixingSpec spec && Arrays.equals(weights, spec.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "MixingSpec[sources=" + weights.length + ", weights=" + Arrays.toString(weights) + "]";
    }

    private static void checkSourceCount(int sourceCount) {
        if (sourceCount < MIN_SOURCES || sourceCount > MAX_SOURCES) {
            throw new IllegalArgumentException("Invalid source count " + sourceCount + ": allowed are "
                    + MIN_SOURCES + " to " + MAX_SOURCES + " sources per mixture.");
        }
    }
}
