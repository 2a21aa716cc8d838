package dev.unstacker.examples.benchmark;

import dev.unstacker.Unstacker;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Single-image latency percentiles and batch throughput, measured after a warm-up.
 *
 * <p>The warm-up runs at least the requested number of calls and then goes on in rounds until two
 * rounds in a row leave the JIT compiler idle. Compilation runs on background threads, and on a
 * machine with two cores it slows the calls timed beside it. With a fixed 2,000-call warm-up, p99 was
 * about 7 ms, and 3.3 to 5.6 ms once compilation had stopped (docs/performance.md).
 */
public final class LatencyBenchmark {

    /** Mixtures per call of the batch measurement, as in the PyTorch reference. */
    public static final int BATCH = 256;

    /** Single-image calls per warm-up round after the requested minimum. */
    static final int WARMUP_ROUND = 1000;

    /** Rounds in a row without compilation that end the warm-up, because compilation comes in bursts. */
    static final int IDLE_ROUNDS = 2;

    /** The default limit on warm-up calls, so a compiler that never goes idle cannot stall the benchmark. */
    public static final int DEFAULT_MAX_WARMUP = 50_000;

    private LatencyBenchmark() {}

    /**
     * Measures an unstacker.
     *
     * @param unstacker the model
     * @param mixtures model-sized inputs, reused in turn
     * @param warmup the smallest number of untimed single-image calls before the timed ones
     * @param maxWarmup the largest number of untimed calls, reached only if the JIT compiler stays busy
     * @param calls single-image calls to time
     * @param batchSeconds seconds to spend on batches of {@link #BATCH}; one batch at least
     * @param progress receives a line after each warm-up round and before each timed phase
     * @return the measurements
     */
    public static Result run(Unstacker unstacker, List<float[]> mixtures, int warmup, int maxWarmup, int calls,
            double batchSeconds, Consumer<String> progress) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        boolean compilationTimed = compiler != null && compiler.isCompilationTimeMonitoringSupported();
        long started = System.nanoTime();
        int warmupCalls = warmUp(unstacker, mixtures, 0, warmup);
        progress.accept(String.format(Locale.ROOT, "Warm-up: %d calls in %.1f s", warmupCalls, seconds(started)));
        if (compilationTimed) {
            long before = compiler.getTotalCompilationTime();
            int idleRounds = 0;
            while (warmupCalls < maxWarmup && idleRounds < IDLE_ROUNDS) {
                warmupCalls = warmUp(unstacker, mixtures, warmupCalls, Math.min(maxWarmup, warmupCalls + WARMUP_ROUND));
                long after = compiler.getTotalCompilationTime();
                idleRounds = after == before ? idleRounds + 1 : 0;
                progress.accept(String.format(Locale.ROOT, "Warm-up: %d calls in %.1f s, JIT compiler %s", warmupCalls,
                        seconds(started), after == before ? "idle" : "busy"));
                before = after;
            }
        }

        progress.accept(String.format(Locale.ROOT, "Timing %d single-image calls", calls));
        long compileAtStart = compilationTimed ? compiler.getTotalCompilationTime() : 0;
        double[] latencies = new double[calls];
        for (int i = 0; i < calls; i++) {
            float[] mixture = mixtures.get(i % mixtures.size());
            long start = System.nanoTime();
            unstacker.separate(mixture);
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        long compileMillis = compilationTimed ? compiler.getTotalCompilationTime() - compileAtStart : -1;
        Arrays.sort(latencies);

        List<float[]> batch = mixtures.subList(0, Math.min(BATCH, mixtures.size()));
        for (int i = 0; i < 3; i++) {
            unstacker.separatePixels(batch);
        }
        progress.accept(String.format(Locale.ROOT, "Timing batches of %d for %s s", batch.size(), batchSeconds));
        long start = System.nanoTime();
        long separated = 0;
        // At least one batch is timed, however short the requested time.
        do {
            separated += unstacker.separatePixels(batch).size();
        } while ((System.nanoTime() - start) / 1e9 < batchSeconds);
        double throughput = separated / ((System.nanoTime() - start) / 1e9);
        return new Result(
                percentile(latencies, 50),
                percentile(latencies, 90),
                percentile(latencies, 99),
                latencies[latencies.length - 1],
                batch.size(),
                throughput,
                calls,
                warmupCalls,
                compileMillis);
    }

    /** Runs the untimed single-image calls from index {@code from} up to {@code to} and returns {@code to}. */
    private static int warmUp(Unstacker unstacker, List<float[]> mixtures, int from, int to) {
        for (int i = from; i < to; i++) {
            unstacker.separate(mixtures.get(i % mixtures.size()));
        }
        return to;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double percentile(double[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Latency and throughput figures.
     *
     * @param p50Millis median single-image latency
     * @param p90Millis 90th-percentile single-image latency
     * @param p99Millis 99th-percentile single-image latency
     * @param maxMillis slowest single-image call
     * @param batchSize mixtures per batch call
     * @param batchImagesPerSecond separations per second in batch calls
     * @param calls single-image calls timed
     * @param warmupCalls untimed single-image calls before them
     * @param compileMillisWhileTimed JIT compilation time during the timed single-image calls, or -1
     *     where the JVM does not report it
     */
    public record Result(
            double p50Millis,
            double p90Millis,
            double p99Millis,
            double maxMillis,
            int batchSize,
            double batchImagesPerSecond,
            int calls,
            int warmupCalls,
            long compileMillisWhileTimed) {

        /** Returns the figures as one JSON object. */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"single_p50_ms\": %.3f, \"single_p90_ms\": %.3f, \"single_p99_ms\": %.3f, "
                            + "\"single_max_ms\": %.3f, \"single_calls\": %d, \"warmup_calls\": %d, "
                            + "\"jit_ms_while_timed\": %d, \"batch_size\": %d, \"batch_images_per_s\": %.1f}",
                    p50Millis, p90Millis, p99Millis, maxMillis, calls, warmupCalls, compileMillisWhileTimed, batchSize,
                    batchImagesPerSecond);
        }
    }
}
