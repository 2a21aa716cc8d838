package dev.unstacker.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.unstacker.api.ImageDistance;
import dev.unstacker.core.loss.PermutationInvariantLoss;
import dev.unstacker.core.loss.SsimDistance;

/**
 * Runs a network over mixtures in batches and scores the estimates; see the package documentation
 * for the metrics.
 */
public final class SeparationEvaluator {

    /** PSNR is capped at 100 dB by flooring the MSE here. */
    private static final double MSE_FLOOR = 1e-10;

    private final PermutationInvariantLoss assignmentLoss;
    private final int batchSize;
    private final boolean withSsim;

    /**
     * Creates an evaluator.
     *
     * @param assignmentDistance the training loss's distance, which decides the assignment
     * @param batchSize mixtures per forward pass
     */
    public SeparationEvaluator(ImageDistance assignmentDistance, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize);
        }
        this.assignmentLoss = new PermutationInvariantLoss(assignmentDistance);
        this.batchSize = batchSize;
        this.withSsim = true;
    }

    private SeparationEvaluator(SeparationEvaluator base, boolean withSsim) {
        this.assignmentLoss = base.assignmentLoss;
        this.batchSize = base.batchSize;
        this.withSsim = withSsim;
    }

    /**
     * Returns an evaluator that skips SSIM, the most expensive metric, and reports it as NaN. Per-epoch
     * validation uses it, because it logs PIT-MAE and PSNR only.
     *
     * @return an evaluator with the same distance and batch size
     */
    public SeparationEvaluator withoutSsim() {
        return new SeparationEvaluator(this, false);
    }

    /**
     * Separates mixtures with a network and scores the estimates against the sources.
     *
     * @param block an initialized network
     * @param manager a manager for temporary arrays, closed by the caller
     * @param batch the mixtures and sources to evaluate
     * @return the metrics
     */
    public EvaluationResult evaluate(Block block, NDManager manager, MixtureBatch batch) {
        float[] estimates = new float[batch.mixtures() * batch.sources() * batch.pixels()];
        for (int start = 0; start < batch.mixtures(); start += batchSize) {
            int count = Math.min(batchSize, batch.mixtures() - start);
            try (NDManager scope = manager.newSubManager()) {
                NDArray mixtures = scope.create(batch.mixtureSlice(start, count), new Shape(count, 1, batch.height(), batch.width()));
                NDArray output = block.forward(new ParameterStore(scope, false), new NDList(mixtures), false).singletonOrThrow();
                Shape expected = new Shape(count, batch.sources(), batch.height(), batch.width());
                if (!output.getShape().equals(expected)) {
                    throw new IllegalArgumentException("The network returned estimates of shape " + output.getShape()
                            + ", but the batch needs " + expected + ": " + batch.sources() + " sources of "
                            + batch.height() + "x" + batch.width());
                }
                float[] values = output.toFloatArray();
                System.arraycopy(values, 0, estimates, start * batch.sources() * batch.pixels(), values.length);
            }
        }
        return score(manager, batch, estimates);
    }

    /**
     * Scores the trivial separation that returns the mixture for every source.
     *
     * @param manager a manager for temporary arrays, closed by the caller
     * @param batch the mixtures and sources
     * @return the metrics of the mixture baseline
     */
    public EvaluationResult evaluateMixtureBaseline(NDManager manager, MixtureBatch batch) {
        int pixels = batch.pixels();
        float[] estimates = new float[batch.mixtures() * batch.sources() * pixels];
        for (int m = 0; m < batch.mixtures(); m++) {
            for (int s = 0; s < batch.sources(); s++) {
                System.arraycopy(batch.mixtures, m * pixels, estimates, (m * batch.sources() + s) * pixels, pixels);
            }
        }
        return score(manager, batch, estimates);
    }

    /**
     * Scores given estimates against the sources. Estimates are clamped to [0, 1] in place.
     *
     * @param manager a manager for temporary arrays, closed by the caller
     * @param batch the mixtures and sources
     * @param estimates the estimates, laid out like the sources
     * @return the metrics
     * @throws IllegalArgumentException if {@code estimates} does not have one image per source of
     *     every mixture
     */
    public EvaluationResult score(NDManager manager, MixtureBatch batch, float[] estimates) {
        int k = batch.sources();
        int pixels = batch.pixels();
        long expectedLength = (long) batch.mixtures() * k * pixels;
        if (estimates == null || estimates.length != expectedLength) {
            throw new IllegalArgumentException("estimates must hold " + expectedLength + " values (" + batch.mixtures()
                    + " mixtures × " + k + " sources × " + pixels + " pixels), but "
                    + (estimates == null ? "was null" : "has " + estimates.length));
        }
        for (int i = 0; i < estimates.length; i++) {
            estimates[i] = Math.min(1f, Math.max(0f, estimates[i]));
        }

        float[] aligned = new float[estimates.length];
        float[] pitMae = new float[batch.mixtures()];
        float[] psnr = new float[batch.mixtures() * k];
        float[] ssim = new float[batch.mixtures() * k];
        for (int start = 0; start < batch.mixtures(); start += batchSize) {
            int count = Math.min(batchSize, batch.mixtures() - start);
            try (NDManager scope = manager.newSubManager()) {
                Shape shape = new Shape(count, k, batch.height(), batch.width());
                int offset = start * k * pixels;
                NDArray estimateArray = scope.create(slice(estimates, offset, count * k * pixels), shape);
                NDArray sourceArray = scope.create(slice(batch.sources, offset, count * k * pixels), shape);
                int[][] assignments = assignmentLoss.perMixture(estimateArray, sourceArray).assignments();
                align(estimates, aligned, assignments, start, k, pixels);
                if (!withSsim) {
                    continue;
                }

                NDArray alignedArray = scope.create(slice(aligned, offset, count * k * pixels), shape);
                float[] ssimValues = SsimDistance.ssim(
                                alignedArray.reshape(count * k, 1, batch.height(), batch.width()),
                                sourceArray.reshape(count * k, 1, batch.height(), batch.width()))
                        .toFloatArray();
                System.arraycopy(ssimValues, 0, ssim, start * k, ssimValues.length);
            }
        }

        for (int m = 0; m < batch.mixtures(); m++) {
            double absoluteTotal = 0;
            for (int s = 0; s < k; s++) {
                int base = (m * k + s) * pixels;
                double squaredTotal = 0;
                for (int p = 0; p < pixels; p++) {
                    double difference = aligned[base + p] - batch.sources[base + p];
                    absoluteTotal += Math.abs(difference);
                    squaredTotal += difference * difference;
                }
                double mse = Math.max(squaredTotal / pixels, MSE_FLOOR);
                psnr[m * k + s] = (float) (10 * Math.log10(1 / mse));
            }
            pitMae[m] = (float) (absoluteTotal / (k * pixels));
        }
        return new EvaluationResult(batch.mixtures(), k, pitMae, psnr, withSsim ? ssim : null, aligned);
    }

    /** Copies each estimate to the position of the source it is assigned to. */
    private static void align(float[] estimates, float[] aligned, int[][] assignments, int start, int k, int pixels) {
        for (int i = 0; i < assignments.length; i++) {
            int m = start + i;
            for (int e = 0; e < k; e++) {
                int s = assignments[i][e];
                System.arraycopy(estimates, (m * k + e) * pixels, aligned, (m * k + s) * pixels, pixels);
            }
        }
    }

    private static float[] slice(float[] values, int offset, int length) {
        float[] part = new float[length];
        System.arraycopy(values, offset, part, 0, length);
        return part;
    }
}
