package dev.unstacker.core.loss;

/** Tries all K! assignments; exact, and the fastest choice for few sources. */
public final class ExhaustiveAssignment implements AssignmentSolver {

    /** The largest K for which {@link AssignmentSolver#forSources} picks this solver (5! = 120). */
    public static final int MAX_SOURCES = 5;

    @Override
    public int[] solve(float[] costs, int offset, int k) {
        int[] current = new int[k];
        for (int i = 0; i < k; i++) {
            current[i] = i;
        }
        int[] best = current.clone();
        double bestCost = Double.POSITIVE_INFINITY;

        // Heap's algorithm visits every permutation with one swap per step.
        int[] counters = new int[k];
        bestCost = consider(costs, offset, k, current, best, bestCost);
        int i = 0;
        while (i < k) {
            if (counters[i] < i) {
                int j = (i % 2 == 0) ? 0 : counters[i];
                int swap = current[j];
                current[j] = current[i];
                current[i] = swap;
                bestCost = consider(costs, offset, k, current, best, bestCost);
                counters[i]++;
                i = 0;
            } else {
                counters[i] = 0;
                i++;
            }
        }
        return best;
    }

    private static double consider(float[] costs, int offset, int k, int[] current, int[] best, double bestCost) {
        double total = 0;
        for (int e = 0; e < k; e++) {
            total += costs[offset + e * k + current[e]];
        }
        // A total with a NaN or infinite entry never wins, as AssignmentSolver requires.
        if (Double.isFinite(total) && total < bestCost) {
            System.arraycopy(current, 0, best, 0, k);
            return total;
        }
        return bestCost;
    }

    @Override
    public String toString() {
        return "ExhaustiveAssignment";
    }
}
