package dev.unstacker.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of a {@link SeparatorNet}: how many sources, their mixing weights, and the network's
 * size.
 *
 * @param sources K, the number of estimates the network returns
 * @param weights the mixing weights wᵢ, K positive values summing to 1, used by
 *     {@link OutputMode#MIXTURE_CONSISTENT}
 * @param width channels at full resolution; the two lower levels use 2× and 4× as many
 * @param bottleneckBlocks residual blocks at the lowest resolution
 * @param outputMode whether the estimates are projected onto the mixture constraint
 */
public record SeparatorConfig(
        int sources, float[] weights, int width, int bottleneckBlocks, OutputMode outputMode) {

    /** The smallest number of sources a network separates. */
    public static final int MIN_SOURCES = 2;

    /** The largest number of sources a network separates. */
    public static final int MAX_SOURCES = 8;

    /** The smallest width accepted. */
    public static final int MIN_WIDTH = 4;

    /** The largest width accepted. */
    public static final int MAX_WIDTH = 256;

    /** The smallest number of bottleneck blocks accepted. */
    public static final int MIN_BLOCKS = 1;

    /** The largest number of bottleneck blocks accepted. */
    public static final int MAX_BLOCKS = 16;

    /** How far the weights may sum from 1. It is looser than the mixing's, because these are floats. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-4;

    /**
     * Checks the settings when they are created, so a bad size fails before any data is loaded.
     *
     * @throws IllegalArgumentException naming the setting, its value and the accepted range
     */
    public SeparatorConfig {
        checkRange("sources", sources, MIN_SOURCES, MAX_SOURCES);
        checkRange("width", width, MIN_WIDTH, MAX_WIDTH);
        checkRange("bottleneckBlocks", bottleneckBlocks, MIN_BLOCKS, MAX_BLOCKS);
        if (weights == null || weights.length != sources) {
            throw new IllegalArgumentException("Invalid model settings: weights must have one value per source ("
                    + sources + "), but got " + (weights == null ? "null" : weights.length + " values"));
        }
        weights = weights.clone();
        checkWeights(weights);
        if (outputMode == null) {
            throw new IllegalArgumentException(
                    "Invalid model settings: outputMode must not be null; use one of " + Arrays.toString(OutputMode.values()));
        }
    }

    private static void checkWeights(float[] weights) {
        String problem = weightsProblem(weights);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid model settings: weights = " + Arrays.toString(weights) + problem);
        }
    }

    /**
     * Describes what is wrong with mixing weights, for the checks of settings and of saved models.
     *
     * @param weights the weights, one per source
     * @return null if they are positive, finite and sum to 1 within {@value #WEIGHT_SUM_TOLERANCE},
     *     else the text to append to the weights in an error message
     */
    public static String weightsProblem(float[] weights) {
        double sum = 0;
        for (float weight : weights) {
            if (!(weight > 0) || !Float.isFinite(weight)) {
                return "; expected positive, finite weights summing to 1";
            }
            sum += weight;
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            return " sum to " + sum + "; expected a sum of 1 within " + WEIGHT_SUM_TOLERANCE;
        }
        return null;
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "Invalid model settings: " + name + " = " + value + "; expected " + min + " to " + max);
        }
    }

    /** The default width, channels at full resolution. */
    public static final int DEFAULT_WIDTH = 32;

    /** The default number of residual blocks at the lowest resolution. */
    public static final int DEFAULT_BOTTLENECK_BLOCKS = 2;

    /**
     * Returns the default network for K equally weighted sources: bounded output for two sources,
     * mixture-consistent output for more.
     *
     * @param sources K
     * @return the settings
     */
    public static SeparatorConfig defaults(int sources) {
        float[] weights = new float[sources];
        Arrays.fill(weights, 1f / sources);
        OutputMode mode = sources == 2 ? OutputMode.BOUNDED : OutputMode.MIXTURE_CONSISTENT;
        return new SeparatorConfig(sources, weights, DEFAULT_WIDTH, DEFAULT_BOTTLENECK_BLOCKS, mode);
    }

    /**
     * Returns a copy with another width.
     *
     * @param newWidth channels at full resolution
     * @return the new settings
     */
    public SeparatorConfig withWidth(int newWidth) {
        return new SeparatorConfig(sources, weights, newWidth, bottleneckBlocks, outputMode);
    }

    /**
     * Returns a copy with another number of bottleneck blocks.
     *
     * @param blocks residual blocks at the lowest resolution
     * @return the new settings
     */
    public SeparatorConfig withBottleneckBlocks(int blocks) {
        return new SeparatorConfig(sources, weights, width, blocks, outputMode);
    }

    /**
     * Returns a copy with another output mode.
     *
     * @param mode the output mode
     * @return the new settings
     */
    public SeparatorConfig withOutputMode(OutputMode mode) {
        return new SeparatorConfig(sources, weights, width, bottleneckBlocks, mode);
    }

    /**
     * Returns a copy with other mixing weights.
     *
     * @param newWeights K positive weights summing to 1
     * @return the new settings
     * @throws IllegalArgumentException if the weights are null, not positive or do not sum to 1
     */
    public SeparatorConfig withWeights(float[] newWeights) {
        if (newWeights == null) {
            throw new IllegalArgumentException("Invalid model settings: weights must not be null");
        }
        return new SeparatorConfig(newWeights.length, newWeights, width, bottleneckBlocks, outputMode);
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeparatorConfig that
                && sources == that.sources
                && Arrays.equals(weights, that.weights)
                && width == that.width
                && bottleneckBlocks == that.bottleneckBlocks
                && outputMode == that.outputMode;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights) * 31 + Objects.hash(sources, width, bottleneckBlocks, outputMode);
    }

    @Override
    public String toString() {
        return "SeparatorConfig[sources=" + sources + ", weights=" + Arrays.toString(weights)
                + ", width=" + width + ", bottleneckBlocks=" + bottleneckBlocks
                + ", outputMode=" + outputMode + "]";
    }
}
