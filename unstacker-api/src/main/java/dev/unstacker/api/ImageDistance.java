package dev.unstacker.api;

import ai.djl.ndarray.NDArray;

/**
 * A per-image distance between estimates and sources, the extension point for custom losses.
 *
 * <p>The permutation-invariant loss calls {@link #compute} once per batch with every pairing of
 * estimate and source stacked along the first axis, then picks, per mixture, the assignment with the
 * smallest total distance. An implementation therefore receives arrays of shape {@code (M, 1, H, W)} with
 * pixels nominally in [0, 1] and returns one value per image, shape {@code (M)}.
 *
 * <p>Design advice: return a mean over pixels rather than a sum, so the loss does not grow with the
 * image size, and keep the result finite on all-black and constant images and where the estimate
 * equals the source (add a small constant before any division, square root or logarithm). Create
 * constants on {@code estimates.getManager()} so they are freed with the batch.
 */
public interface ImageDistance {

    /**
     * Computes the distance of each estimate to the source at the same position.
     *
     * @param estimates predicted images, shape {@code (M, 1, H, W)}
     * @param sources true images, the same shape as {@code estimates}
     * @return the distance per image, shape {@code (M)}; zero means identical images
     */
    NDArray compute(NDArray estimates, NDArray sources);

    /**
     * Returns the short name used in logs, command-line options and saved model files, such as
     * {@code l1}.
     *
     * @return a lower-case name without spaces
     */
    String name();
}
