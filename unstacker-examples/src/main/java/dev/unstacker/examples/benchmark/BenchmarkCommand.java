package dev.unstacker.examples.benchmark;

import dev.unstacker.Unstacker;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import dev.unstacker.examples.cli.Options;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./unstacker benchmark latency|soak}: measures separation of real Fashion-MNIST test
 * mixtures with the bundled or a saved model.
 */
public final class BenchmarkCommand {

    static final String HELP = String.join(
            System.lineSeparator(),
            "Usage: ./unstacker benchmark latency|soak [OPTIONS]",
            "",
            "  latency   single-image latency (p50, p90, p99, slowest) and batch throughput at batch 256",
            "  soak      many threads separating at once; every result is checked against the",
            "            single-threaded one, and resident memory is reported at the start and end",
            "",
            "Options:",
            "  --model DIR      a model folder (default: the bundled fashion-mnist model)",
            "  --warmup N       latency: untimed single-image calls first (default 2000); then more",
            "                   in rounds of 1000 until two rounds in a row leave the JIT compiler idle",
            "  --max-warmup N   latency: untimed single-image calls at most (default 50000)",
            "  --calls N        latency: single-image calls measured (default 2000)",
            "  --seconds N      latency: seconds of batch separation measured (default 10)",
            "  --threads N      soak: threads, 1 to 256 (default 8)",
            "  --per-thread N   soak: separations per thread (default 10000)",
            "  --data DIR       folder with the Fashion-MNIST files");

    private static final Set<String> VALUED = Set.of("model", "warmup", "max-warmup", "calls", "seconds", "threads", "per-thread", "data");
    private static final Set<String> FLAGS = Set.of("help");

    /** The largest number of soak threads accepted; 5,000 threads used 5.1 GiB of memory when tried. */
    static final int MAX_THREADS = 256;

    private BenchmarkCommand() {}

    /**
     * Runs the command, with progress lines on standard error.
     *
     * @param args the benchmark name and options
     * @param out where results go
     * @return 0 on success, 1 if the soak found a mismatch, 2 for invalid usage
     * @throws Exception if the model or data cannot be loaded
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        return run(args, out, System.err);
    }

    /**
     * Runs the command.
     *
     * @param args the benchmark name and options
     * @param out where results go: the help text, or one JSON line
     * @param progress where progress lines go, so a long run shows that it is still working
     * @return 0 on success, 1 if the soak found a mismatch, 2 for invalid usage
     * @throws Exception if the model or data cannot be loaded
     */
    static int run(String[] args, PrintStream out, PrintStream progress) throws Exception {
        Options options = Options.parse("benchmark", args, VALUED, FLAGS);
        List<String> names = options.positional();
        if (options.has("help")) {
            out.println(HELP);
            return 0;
        }
        if (names.size() != 1) {
            out.println("Name one benchmark, latency or soak; got " + (names.isEmpty() ? "none" : names) + ".");
            out.println(HELP);
            return 2;
        }
        String name = names.get(0);
        if (!name.equals("latency") && !name.equals("soak")) {
            throw new IllegalArgumentException("Unknown benchmark '" + name + "'; use latency or soak");
        }
        int warmup = options.integer("warmup", 2000, 0, Integer.MAX_VALUE);
        int maxWarmup = options.integer("max-warmup", Math.max(warmup, LatencyBenchmark.DEFAULT_MAX_WARMUP), warmup,
                Integer.MAX_VALUE);
        int calls = options.integer("calls", 2000, 1, Integer.MAX_VALUE);
        double seconds = options.decimal("seconds", 10);
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new IllegalArgumentException(
                    "Option --seconds of 'benchmark' must be above 0 and at most 3600, but was " + seconds);
        }
        int threads = options.integer("threads", 8, 1, MAX_THREADS);
        int perThread = options.integer("per-thread", 10_000, 1, Integer.MAX_VALUE);

        List<float[]> mixtures = testMixtures(options);
        try (Unstacker unstacker = Unstacker.load(options.text("model", Unstacker.FASHION_MNIST))) {
            if (name.equals("latency")) {
                LatencyBenchmark.Result result =
                        LatencyBenchmark.run(unstacker, mixtures, warmup, maxWarmup, calls, seconds, progress::println);
                out.println(result.toJson());
                return 0;
            }
            progress.printf(Locale.ROOT, "Soak: %d threads separate %d mixtures each, then every result is checked"
                    + " against the single-threaded one%n", threads, perThread);
            SoakBenchmark.Result result = SoakBenchmark.run(unstacker, mixtures, threads, perThread);
            out.println(result.toJson());
            return result.mismatches() == 0 ? 0 : 1;
        }
    }

    /** Returns the 2,000 test mixtures of the default protocol as model-sized pixel arrays. */
    static List<float[]> testMixtures(Options options) throws Exception {
        FashionMnist data = options.path("data") == null ? FashionMnist.load() : FashionMnist.load(options.path("data"));
        MixtureSplits splits = MixtureSplits.build(data, MixtureProtocol.defaults());
        int count = splits.test().mixtureCount();
        int pixels = splits.test().imageHeight() * splits.test().imageWidth();
        List<float[]> mixtures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] mixture = new float[pixels];
            splits.test().mixtureInto(i, mixture, 0);
            mixtures.add(mixture);
        }
        return mixtures;
    }
}
