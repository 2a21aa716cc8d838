package dev.unstacker.examples.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Mean PSNR and mixture counts by the classes of the two sources of each mixture.
 *
 * <p>Both matrices are C×C and symmetric: a mixture of classes a and b is counted in cell (a, b)
 * and in cell (b, a), once for a = b. A cell with count 0 has mean NaN. Build one with
 * {@link ClassPairHeatMap#tabulate} or from matrices computed elsewhere.
 */
public final class ClassPairTable {

    private static final double SYMMETRY_TOLERANCE_DB = 1e-6;

    private final double[][] meanPsnrDb;
    private final long[][] counts;

    /**
     * Creates a table from copies of the two matrices. Means of cells with count 0 are replaced by
     * NaN.
     *
     * @throws IllegalArgumentException if the matrices are not square, differ in size, are not
     *     symmetric, or have a negative count
     */
    public ClassPairTable(double[][] meanPsnrDb, long[][] counts) {
        Objects.requireNonNull(meanPsnrDb, "meanPsnrDb");
        Objects.requireNonNull(counts, "counts");
        int classes = counts.length;
        if (classes == 0 || meanPsnrDb.length != classes) {
            throw new IllegalArgumentException(String.format(
                    "Mean and count matrices must be C×C with C ≥ 1, got %d and %d rows.",
                    meanPsnrDb.length, classes));
        }
        this.meanPsnrDb = new double[classes][];
        this.counts = new long[classes][];
        for (int a = 0; a < classes; a++) {
            if (meanPsnrDb[a].length != classes || counts[a].length != classes) {
                throw new IllegalArgumentException(String.format(
                        "Row %d of the mean and count matrices has %d and %d columns, expected %d.",
                        a, meanPsnrDb[a].length, counts[a].length, classes));
            }
            this.counts[a] = counts[a].clone();
            this.meanPsnrDb[a] = meanPsnrDb[a].clone();
            for (int b = 0; b < classes; b++) {
                if (counts[a][b] < 0) {
                    throw new IllegalArgumentException(String.format(
                            "Count at (%d, %d) is negative: %d.", a, b, counts[a][b]));
                }
                if (counts[a][b] == 0) {
                    this.meanPsnrDb[a][b] = Double.NaN;
                }
            }
        }
        checkSymmetric(this.meanPsnrDb, this.counts);
    }

    private static void checkSymmetric(double[][] means, long[][] counts) {
        for (int a = 0; a < counts.length; a++) {
            for (int b = a + 1; b < counts.length; b++) {
                boolean countsMatch = counts[a][b] == counts[b][a];
                boolean meansMatch = counts[a][b] == 0
                        || Math.abs(means[a][b] - means[b][a]) <= SYMMETRY_TOLERANCE_DB;
                if (!countsMatch || !meansMatch) {
                    throw new IllegalArgumentException(String.format(
                            "Class pair table is not symmetric at (%d, %d): count %d vs %d, mean %s"
                                    + " vs %s dB. Count each mixture in both mirrored cells.",
                            a, b, counts[a][b], counts[b][a], means[a][b], means[b][a]));
                }
            }
        }
    }

    /** Returns the number of classes C. */
    public int classes() {
        return counts.length;
    }

    /** Returns a copy of the C×C mean PSNR matrix in decibels, NaN where the count is 0. */
    public double[][] meanPsnrDb() {
        return deepCopy(meanPsnrDb);
    }

    /** Returns a copy of the C×C matrix of mixture counts. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            copy[a] = counts[a].clone();
        }
        return copy;
    }

    /** Returns the mean PSNR over all mixtures of two same-class sources, or NaN without any. */
    public double sameClassMean() {
        return weightedMean(pairs(true));
    }

    /** Returns the mean PSNR over all mixtures of two different classes, or NaN without any. */
    public double differentClassMean() {
        return weightedMean(pairs(false));
    }

    /**
     * Returns up to {@code n} class pairs with the lowest mean PSNR, lowest first. Each unordered
     * pair appears once, same-class pairs included, and pairs with no mixtures are left out.
     */
    public List<ClassPair> hardest(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(
                    "Number of class pairs must be ≥ 0, got " + n + ".");
        }
        List<ClassPair> all = new ArrayList<>(pairs(true));
        all.addAll(pairs(false));
        all.sort(Comparator.comparingDouble(ClassPair::meanPsnrDb)
                .thenComparingInt(ClassPair::classA)
                .thenComparingInt(ClassPair::classB));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** Lists the unordered pairs with at least one mixture, either the diagonal or above it. */
    private List<ClassPair> pairs(boolean sameClass) {
        List<ClassPair> pairs = new ArrayList<>();
        for (int a = 0; a < counts.length; a++) {
            int first = sameClass ? a : a + 1;
            int last = sameClass ? a : counts.length - 1;
            for (int b = first; b <= last; b++) {
                if (counts[a][b] > 0) {
                    pairs.add(new ClassPair(a, b, meanPsnrDb[a][b], counts[a][b]));
                }
            }
        }
        return pairs;
    }

    private static double weightedMean(List<ClassPair> pairs) {
        double sum = 0;
        long count = 0;
        for (ClassPair pair : pairs) {
            sum += pair.meanPsnrDb() * pair.count();
            count += pair.count();
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int a = 0; a < matrix.length; a++) {
            copy[a] = matrix[a].clone();
        }
        return copy;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "ClassPairTable[classes=%d, sameClassMean=%.2f dB, differentClassMean=%.2f dB]",
                classes(), sameClassMean(), differentClassMean());
    }
}
