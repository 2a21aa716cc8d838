package dev.unstacker.core.loss;

import java.util.Arrays;

/**
 * The Hungarian algorithm with potentials (Kuhn–Munkres, O(K³)), for many sources where trying all
 * K! assignments is too slow.
 */
public final class HungarianAssignment implements AssignmentSolver {

    @Override
    public int[] solve(float[] costs, int offset, int k) {
        double[] matrix = finiteCosts(costs, offset, k);
        // 1-based arrays: row 0 and column 0 are the algorithm's virtual start.
        double[] rowPotential = new double[k + 1];
        double[] columnPotential = new double[k + 1];
        int[] rowOfColumn = new int[k + 1];
        int[] previousColumn = new int[k + 1];

        for (int row = 1; row <= k; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            double[] slack = new double[k + 1];
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[k + 1];
            do {
                used[column] = true;
                int currentRow = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int nextColumn = 0;
                for (int j = 1; j <= k; j++) {
                    if (used[j]) {
                        continue;
                    }
                    double reduced = matrix[(currentRow - 1) * k + (j - 1)]
                            - rowPotential[currentRow] - columnPotential[j];
                    if (reduced < slack[j]) {
                        slack[j] = reduced;
                        previousColumn[j] = column;
                    }
                    if (slack[j] < delta) {
                        delta = slack[j];
                        nextColumn = j;
                    }
                }
                for (int j = 0; j <= k; j++) {
                    if (used[j]) {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                column = nextColumn;
            } while (rowOfColumn[column] != 0);

            // Flip the augmenting path back to the virtual start.
            do {
                int previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }

        int[] assignment = new int[k];
        for (int j = 1; j <= k; j++) {
            assignment[rowOfColumn[j] - 1] = j - 1;
        }
        return assignment;
    }

    /**
     * Copies the K×K block and replaces NaN and infinite entries by one value larger than any total
     * of finite entries, so an assignment that avoids them always wins. Without this the search
     * never ends on a row with no finite entry.
     */
    private static double[] finiteCosts(float[] costs, int offset, int k) {
        double[] matrix = new double[k * k];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        boolean allFinite = true;
        for (int i = 0; i < matrix.length; i++) {
            double cost = costs[offset + i];
            matrix[i] = cost;
            if (Double.isFinite(cost)) {
                low = Math.min(low, cost);
                high = Math.max(high, cost);
            } else {
                allFinite = false;
            }
        }
        if (allFinite) {
            return matrix;
        }
        double replacement = low > high ? 1 : k * (high - low) + Math.abs(high) + 1;
        for (int i = 0; i < matrix.length; i++) {
            if (!Double.isFinite(matrix[i])) {
                matrix[i] = replacement;
            }
        }
        return matrix;
    }

    @Override
    public String toString() {
        return "HungarianAssignment";
    }
}
