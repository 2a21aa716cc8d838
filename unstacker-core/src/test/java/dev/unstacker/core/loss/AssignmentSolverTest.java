package dev.unstacker.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AssignmentSolverTest {

    private static double cost(float[] costs, int offset, int k, int[] assignment) {
        double total = 0;
        for (int e = 0; e < k; e++) {
            total += costs[offset + e * k + assignment[e]];
        }
        return total;
    }

    private static float[] randomCosts(SplittableRandom random, int count) {
        float[] costs = new float[count];
        for (int i = 0; i < count; i++) {
            costs[i] = (float) random.nextDouble();
        }
        return costs;
    }

    @Nested
    class ExhaustiveAndHungarian {

        @ParameterizedTest
        @ValueSource(ints = {2, 3, 4, 5, 6})
        void findEqualTotalCosts(int k) {
            SplittableRandom random = new SplittableRandom(k);
            ExhaustiveAssignment exhaustive = new ExhaustiveAssignment();
            HungarianAssignment hungarian = new HungarianAssignment();
            for (int trial = 0; trial < 300; trial++) {
                float[] costs = randomCosts(random, 3 + k * k);
                int[] a = exhaustive.solve(costs, 3, k);
                int[] b = hungarian.solve(costs, 3, k);
                assertThat(cost(costs, 3, k, b)).isCloseTo(cost(costs, 3, k, a), org.assertj.core.data.Offset.offset(1e-9));
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {2, 3, 4, 5, 6, 8})
        void returnPermutations(int k) {
            float[] costs = randomCosts(new SplittableRandom(99), k * k);
            for (AssignmentSolver solver : new AssignmentSolver[] {new ExhaustiveAssignment(), new HungarianAssignment()}) {
                int[] assignment = solver.solve(costs, 0, k);
                int[] sorted = assignment.clone();
                Arrays.sort(sorted);
                for (int i = 0; i < k; i++) {
                    assertThat(sorted[i]).isEqualTo(i);
                }
            }
        }
    }

    @Nested
    class NonFiniteCosts {

        private static final AssignmentSolver[] SOLVERS = {new ExhaustiveAssignment(), new HungarianAssignment()};

        @ParameterizedTest
        @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
        void areAvoidedWhereAnAssignmentCan(float bad) {
            // Row 0 has one finite entry, column 2, so the only assignment without bad entries is (2, 0, 1).
            float[] costs = {
                bad, bad, 5f,
                0.1f, 0.9f, 0.9f,
                0.9f, 0.2f, 0.9f};
            for (AssignmentSolver solver : SOLVERS) {
                assertThat(solver.solve(costs, 0, 3)).as(solver.toString()).containsExactly(2, 0, 1);
            }
        }

        @Test
        @Timeout(10)
        void stillGiveAPermutationWhenNothingIsFinite() {
            float[] costs = new float[36];
            Arrays.fill(costs, Float.NaN);
            costs[7] = 0.5f;
            for (AssignmentSolver solver : SOLVERS) {
                int[] sorted = solver.solve(costs, 0, 6).clone();
                Arrays.sort(sorted);
                assertThat(sorted).as(solver.toString()).containsExactly(0, 1, 2, 3, 4, 5);
            }
        }
    }

    @Test
    void exhaustiveFindsTheSwapForTwoSources() {
        float[] costs = {0.9f, 0.1f, 0.2f, 0.8f};
        assertThat(new ExhaustiveAssignment().solve(costs, 0, 2)).containsExactly(1, 0);
    }

    @Test
    void forSourcesSwitchesToHungarianAboveFive() {
        assertThat(AssignmentSolver.forSources(5)).isInstanceOf(ExhaustiveAssignment.class);
        assertThat(AssignmentSolver.forSources(6)).isInstanceOf(HungarianAssignment.class);
    }
}
