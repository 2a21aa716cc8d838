package dev.unstacker.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.unstacker.api.ImageDistance;
import java.util.Objects;

/**
 * A loss that ignores the order of the estimates: per mixture, the mean distance between estimates
 * and sources under the assignment with the smallest total distance, averaged over the batch.
 *
 * <p>Predictions and labels are single arrays of shape {@code (N, K, H, W)}. The assignment is found
 * on the host from the detached distance matrix, then applied as a 0/1 matrix, so the gradient flows
 * through the assigned distances only.
 */
public final class PermutationInvariantLoss extends Loss {

    private final ImageDistance distance;

    /**
     * Creates the loss around a per-image distance.
     *
     * @param distance the distance of one estimate to one source
     */
    public PermutationInvariantLoss(ImageDistance distance) {
        super("pit-" + Objects.requireNonNull(distance, "distance").name());
        this.distance = distance;
    }

    /**
     * Returns the per-image distance this loss is built on.
     *
     * @return the distance
     */
    public ImageDistance distance() {
        return distance;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return perMixture(predictions.singletonOrThrow(), labels.singletonOrThrow()).losses().mean();
    }

    /**
     * Computes the loss of each mixture and the assignment behind it.
     *
     * @param estimates shape {@code (N, K, H, W)}
     * @param sources the same shape
     * @return the per-mixture losses, shape {@code (N)}, and the assignments
     */
    public Assigned perMixture(NDArray estimates, NDArray sources) {
        Shape shape = estimates.getShape();
        if (!shape.equals(sources.getShape()) || shape.dimension() != 4) {
            throw new IllegalArgumentException(
                    "Estimates and sources must both have shape (N, K, H, W), but got "
                            + shape + " and " + sources.getShape());
        }
        int n = Math.toIntExact(shape.get(0));
        int k = Math.toIntExact(shape.get(1));

        NDArray costs = PairwiseDistances.matrix(distance, estimates, sources);
        int[][] assignments = solveAll(costs.toFloatArray(), n, k);
        NDArray selection = costs.getManager().create(selectionMatrix(assignments, k), new Shape(n, k, k));
        NDArray losses = costs.mul(selection).reshape(n, k * k).sum(new int[] {1}).div(k);
        return new Assigned(losses, assignments);
    }

    private static int[][] solveAll(float[] costs, int n, int k) {
        AssignmentSolver solver = AssignmentSolver.forSources(k);
        int[][] assignments = new int[n][];
        for (int m = 0; m < n; m++) {
            assignments[m] = solver.solve(costs, m * k * k, k);
        }
        return assignments;
    }

    private static float[] selectionMatrix(int[][] assignments, int k) {
        float[] selection = new float[assignments.length * k * k];
        for (int m = 0; m < assignments.length; m++) {
            for (int e = 0; e < k; e++) {
                selection[m * k * k + e * k + assignments[m][e]] = 1f;
            }
        }
        return selection;
    }

    @Override
    public String toString() {
        return "PermutationInvariantLoss[" + distance + "]";
    }

    /**
     * Per-mixture losses with the assignment that produced each.
     *
     * @param losses shape {@code (N)}
     * @param assignments for mixture m, {@code assignments[m][i]} is the source of estimate i
     */
    public record Assigned(NDArray losses, int[][] assignments) {}
}
