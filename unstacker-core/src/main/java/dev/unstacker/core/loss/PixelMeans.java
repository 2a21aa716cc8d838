package dev.unstacker.core.loss;

import ai.djl.ndarray.NDArray;

/** Per-image means over every axis but the first. */
final class PixelMeans {

    private PixelMeans() {}

    /**
     * Averages an array of shape {@code (M, ...)} to shape {@code (M)}. The array is flattened
     * first because the PyTorch engine reduces only one axis at a time with {@code mean}.
     */
    static NDArray perImage(NDArray values) {
        long images = values.getShape().get(0);
        return values.reshape(images, -1).mean(new int[] {1});
    }

    /** Sums an array of shape {@code (M, ...)} to shape {@code (M)}. */
    static NDArray sumPerImage(NDArray values) {
        long images = values.getShape().get(0);
        return values.reshape(images, -1).sum(new int[] {1});
    }
}
