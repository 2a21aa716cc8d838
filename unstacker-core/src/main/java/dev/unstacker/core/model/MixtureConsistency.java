package dev.unstacker.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Projects estimates onto the set whose weighted sum equals the mixture. */
public final class MixtureConsistency {

    private MixtureConsistency() {}

    /**
     * Adds to each estimate its share of the mixture mismatch, {@code Eᵢ += wᵢ·r / Σ wⱼ²} with
     * {@code r = O − Σ wⱼ·Eⱼ}, which is the least-squares correction that makes {@code Σ wᵢ·Eᵢ = O}.
     *
     * @param estimates shape {@code (N, K, H, W)}
     * @param mixture shape {@code (N, 1, H, W)}
     * @param weights the K mixing weights
     * @return the projected estimates, shape {@code (N, K, H, W)}
     */
    public static NDArray project(NDArray estimates, NDArray mixture, float[] weights) {
        NDManager manager = estimates.getManager();
        double squaredNorm = 0;
        for (float weight : weights) {
            squaredNorm += (double) weight * weight;
        }
        NDArray w = manager.create(weights, new Shape(1, weights.length, 1, 1));
        NDArray weightedSum = estimates.mul(w).sum(new int[] {1}, true);
        NDArray residual = mixture.sub(weightedSum);
        return estimates.add(residual.mul(w.div((float) squaredNorm)));
    }
}
