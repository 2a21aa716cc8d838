package dev.unstacker.core.loss;

import ai.djl.ndarray.NDArray;
import dev.unstacker.api.ImageDistance;

/**
 * One minus the cosine similarity of the two images as vectors.
 *
 * <p>A small constant {@code ε} is added to the dot product and to each squared norm, so two black
 * images have distance 0, a black image against a non-black one has distance near 1, and the square
 * root never gets 0 (its gradient there is infinite). Cosine distance ignores brightness: an estimate
 * half as bright as its source has distance 0.
 */
public final class CosineDistance implements ImageDistance {

    private static final float EPSILON = 1e-6f;

    @Override
    public NDArray compute(NDArray estimates, NDArray sources) {
        NDArray dot = PixelMeans.sumPerImage(estimates.mul(sources)).add(EPSILON);
        NDArray estimateNorm = PixelMeans.sumPerImage(estimates.mul(estimates)).add(EPSILON).sqrt();
        NDArray sourceNorm = PixelMeans.sumPerImage(sources.mul(sources)).add(EPSILON).sqrt();
        return dot.div(estimateNorm.mul(sourceNorm)).neg().add(1f);
    }

    @Override
    public String name() {
        return "cosine";
    }

    @Override
    public String toString() {
        return "CosineDistance[epsilon=" + EPSILON + "]";
    }
}
