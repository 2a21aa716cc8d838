package dev.unstacker.examples.benchmark;

import dev.unstacker.Unstacker;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Single-image latency percentiles and batch throughput, measured after a warm-up. */
public final class LatencyBenchmark {

    /** Mixtures per call of the batch measurement, as in the PyTorch reference. */
    public static final int BATCH = 256;

    private LatencyBenchmark() {}

    /**
     * Measures an unstacker.
     *
     * @param unstacker the model
     * @param mixtures model-sized inputs, reused in turn
     * @param warmup untimed single-image calls before the timed ones
     * @param calls single-image calls to time
     * @param batchSeconds seconds to spend on batches of {@link #BATCH}; one batch at least
     * @return the measurements
     */
    public static Result run(
            Unstacker unstacker, List<float[]> mixtures, int warmup, int calls, double batchSeconds) {
        for (int i = 0; i < warmup; i++) {
            unstacker.separate(mixtures.get(i % mixtures.size()));
        }
        double[] latencies = new double[calls];
        for (int i = 0; i < calls; i++) {
            float[] mixture = mixtures.get(i % mixtures.size());
            long start = System.nanoTime();
            unstacker.separate(mixture);
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(latencies);

        List<float[]> batch = mixtures.subList(0, Math.min(BATCH, mixtures.size()));
        for (int i = 0; i < 3; i++) {
            unstacker.separatePixels(batch);
        }
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
                calls);
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
     */
    public record Result(
            double p50Millis,
            double p90Millis,
            double p99Millis,
            double maxMillis,
            int batchSize,
            double batchImagesPerSecond,
            int calls) {

        /** Returns the figures as one JSON object. */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"single_p50_ms\": %.3f, \"single_p90_ms\": %.3f, \"single_p99_ms\": %.3f, "
                            + "\"single_max_ms\": %.3f, \"single_calls\": %d, \"batch_size\": %d, "
                            + "\"batch_images_per_s\": %.1f}",
                    p50Millis, p90Millis, p99Millis, maxMillis, calls, batchSize, batchImagesPerSecond);
        }
    }
}
