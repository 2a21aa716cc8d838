package dev.unstacker.examples.benchmark;

import dev.unstacker.Unstacker;
import dev.unstacker.api.Separation;
import dev.unstacker.examples.cli.ResidentMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many threads separating at once. Every result is compared with the single-threaded result for
 * the same input, and resident memory is read before and after.
 */
public final class SoakBenchmark {

    /** The largest absolute pixel difference counted as equal to the single-threaded result. */
    public static final float TOLERANCE = 1e-5f;

    private SoakBenchmark() {}

    /**
     * Runs the soak.
     *
     * @param unstacker the model
     * @param mixtures model-sized inputs; thread t uses them in turn from offset t
     * @param threads threads separating at once
     * @param perThread separations per thread
     * @return the measurements
     * @throws Exception if a thread fails
     */
    public static Result run(Unstacker unstacker, List<float[]> mixtures, int threads, int perThread) throws Exception {
        List<List<float[]>> expected = new ArrayList<>(mixtures.size());
        for (float[] mixture : mixtures) {
            expected.add(unstacker.separate(mixture).arrays());
        }
        System.gc();
        double residentBefore = ResidentMemory.currentMib();

        AtomicLong mismatches = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int index = (offset + i) % mixtures.size();
                        Separation separation = unstacker.separate(mixtures.get(index));
                        if (!matches(separation.arrays(), expected.get(index))) {
                            mismatches.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        double residentAfter = ResidentMemory.currentMib();
        long total = (long) threads * perThread;
        return new Result(threads, total, seconds, total / seconds, mismatches.get(), residentBefore, residentAfter);
    }

    private static boolean matches(List<float[]> actual, List<float[]> expected) {
        for (int s = 0; s < expected.size(); s++) {
            float[] a = actual.get(s);
            float[] e = expected.get(s);
            for (int p = 0; p < e.length; p++) {
                if (Math.abs(a[p] - e[p]) > TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Soak figures.
     *
     * @param threads threads that ran at once
     * @param separations separations in total
     * @param seconds wall-clock seconds
     * @param separationsPerSecond throughput
     * @param mismatches results that differed from the single-threaded ones
     * @param residentMibBefore resident memory before the threads started
     * @param residentMibAfter resident memory after they finished
     */
    public record Result(
            int threads,
            long separations,
            double seconds,
            double separationsPerSecond,
            long mismatches,
            double residentMibBefore,
            double residentMibAfter) {

        /** Returns the figures as one JSON object. */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"threads\": %d, \"separations\": %d, \"seconds\": %.1f, \"separations_per_s\": %.1f, "
                            + "\"mismatches\": %d, \"resident_mib_before\": %.1f, \"resident_mib_after\": %.1f}",
                    threads, separations, seconds, separationsPerSecond, mismatches, residentMibBefore, residentMibAfter);
        }
    }
}
