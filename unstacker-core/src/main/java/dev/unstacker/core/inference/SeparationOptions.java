package dev.unstacker.core.inference;

import java.util.Objects;

/**
 * The settings a {@link SeparatorRuntime} applies to an image input: its background and the size of
 * the estimates. Instances are immutable.
 *
 * <pre>{@code
 * SeparationOptions options = SeparationOptions.builder()
 *         .optBackground(Background.LIGHT)
 *         .optOutputSize(OutputSize.INPUT)
 *         .build();
 * }</pre>
 */
public final class SeparationOptions {

    private static final SeparationOptions DEFAULTS = builder().build();

    private final Background background;
    private final OutputSize outputSize;

    private SeparationOptions(Builder builder) {
        this.background = builder.background;
        this.outputSize = builder.outputSize;
    }

    /**
     * Returns the default options: {@link Background#AUTO} and {@link OutputSize#MODEL}.
     *
     * @return the default options
     */
    public static SeparationOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Creates a builder that starts from the default options.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how the input's background is determined.
     *
     * @return the background setting, never null
     */
    public Background background() {
        return background;
    }

    /**
     * Returns the size of the estimates.
     *
     * @return the output size, never null
     */
    public OutputSize outputSize() {
        return outputSize;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeparationOptions that
                && background == that.background
                && outputSize == that.outputSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(background, outputSize);
    }

    @Override
    public String toString() {
        return "SeparationOptions[background=" + background + ", outputSize=" + outputSize + "]";
    }

    /** A builder of {@link SeparationOptions}; every setting is optional. */
    public static final class Builder {

        private Background background = Background.AUTO;
        private OutputSize outputSize = OutputSize.MODEL;

        private Builder() {}

        /**
         * Sets how the input's background is determined; the default is {@link Background#AUTO}.
         *
         * @param background the background setting
         * @return this builder
         * @throws IllegalArgumentException if {@code background} is null
         */
        public Builder optBackground(Background background) {
            if (background == null) {
                throw new IllegalArgumentException("background must not be null; use AUTO, DARK or LIGHT");
            }
            this.background = background;
            return this;
        }

        /**
         * Sets the size of the estimates; the default is {@link OutputSize#MODEL}.
         *
         * @param outputSize the output size
         * @return this builder
         * @throws IllegalArgumentException if {@code outputSize} is null
         */
        public Builder optOutputSize(OutputSize outputSize) {
            if (outputSize == null) {
                throw new IllegalArgumentException("outputSize must not be null; use MODEL or INPUT");
            }
            this.outputSize = outputSize;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public SeparationOptions build() {
            return new SeparationOptions(this);
        }
    }
}
