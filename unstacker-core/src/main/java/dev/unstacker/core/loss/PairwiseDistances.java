package dev.unstacker.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.unstacker.api.ImageDistance;

/** Builds the matrix of distances between every estimate and every source of each mixture. */
public final class PairwiseDistances {

    private PairwiseDistances() {}

    /**
     * Computes D[m, i, j], the distance of estimate i to source j in mixture m, with one call to the
     * distance for the whole batch.
     *
     * @param distance the per-image distance
     * @param estimates shape {@code (N, K, H, W)}
     * @param sources the same shape
     * @return shape {@code (N, K, K)}
     */
    public static NDArray matrix(ImageDistance distance, NDArray estimates, NDArray sources) {
        Shape shape = estimates.getShape();
        long n = shape.get(0);
        long k = shape.get(1);
        long h = shape.get(2);
        long w = shape.get(3);
        Shape pairs = new Shape(n, k, k, h, w);

        NDArray everyEstimate = estimates.expandDims(2).broadcast(pairs).reshape(n * k * k, 1, h, w);
        NDArray everySource = sources.expandDims(1).broadcast(pairs).reshape(n * k * k, 1, h, w);
        NDArray flat = distance.compute(everyEstimate, everySource);
        if (flat.getShape().dimension() != 1 || flat.getShape().get(0) != n * k * k) {
            throw new IllegalStateException(
                    "ImageDistance '" + distance.name() + "' must return one value per image, shape ("
                            + n * k * k + "), but returned " + flat.getShape());
        }
        return flat.reshape(n, k, k);
    }
}
