package dev.unstacker.core.loss;

/**
 * Finds the assignment of estimates to sources with the smallest total distance.
 *
 * <p>The cost matrix of one mixture is a row-major K×K block of a larger array: entry (i, j) is the
 * distance of estimate i to source j. The result maps each estimate to its source:
 * {@code assignment[i] = j}. An assignment that avoids NaN and infinite entries beats every one that
 * uses them; when none avoids them, the result is still a permutation.
 */
public interface AssignmentSolver {

    /**
     * Solves one K×K assignment problem.
     *
     * @param costs the array that contains the matrix
     * @param offset the index of entry (0, 0) in {@code costs}
     * @param k the number of estimates and sources
     * @return the source index of each estimate, a permutation of 0..K−1
     */
    int[] solve(float[] costs, int offset, int k);

    /**
     * Returns the solver used for K sources: exhaustive search up to {@link
     * ExhaustiveAssignment#MAX_SOURCES} sources, where it is cheap, the Hungarian algorithm above.
     *
     * @param k the number of sources
     * @return a solver
     */
    static AssignmentSolver forSources(int k) {
        return k <= ExhaustiveAssignment.MAX_SOURCES ? new ExhaustiveAssignment() : new HungarianAssignment();
    }
}
