package dev.unstacker.core.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;

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
        @Min(2) @Max(8) int sources,
        @NotNull float[] weights,
        @Min(4) @Max(256) int width,
        @Min(1) @Max(16) int bottleneckBlocks,
        @NotNull OutputMode outputMode) {

    /** The default width, the same as the PyTorch reference's. */
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
     */
    public SeparatorConfig withWeights(float[] newWeights) {
        return new SeparatorConfig(newWeights.length, newWeights.clone(), width, bottleneckBlocks, outputMode);
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
        return Arrays.hashCode(weights) * 31 + java.util.Objects.hash(sources, width, bottleneckBlocks, outputMode);
    }

    @Override
    public String toString() {
        return "SeparatorConfig[sources=" + sources + ", weights=" + Arrays.toString(weights)
                + ", width=" + width + ", bottleneckBlocks=" + bottleneckBlocks
                + ", outputMode=" + outputMode + "]";
    }
}
