package dev.unstacker.core.model;

/**
 * The named stages of the separator's U-Net, in the order of the forward pass. The trainable
 * {@link SeparatorNet} and its inference form {@link FoldedSeparator} run the same stages.
 */
enum Stage {
    /** 3×3 convolution from the mixture to {@code width} channels. */
    STEM,
    /** Residual block at full resolution. */
    ENCODER1,
    /** Strided 3×3 convolution to half resolution and 2×width channels. */
    DOWN1,
    /** Residual block at half resolution. */
    ENCODER2,
    /** Strided 3×3 convolution to quarter resolution and 4×width channels. */
    DOWN2,
    /** The residual blocks at quarter resolution. */
    BOTTLENECK,
    /** 3×3 convolution after upsampling to half resolution. */
    UP2,
    /** Residual block at half resolution. */
    DECODER2,
    /** 3×3 convolution after upsampling to full resolution. */
    UP1,
    /** Residual block at full resolution. */
    DECODER1,
    /** 1×1 convolution to one correction per source. */
    HEAD
}
