package dev.unstacker.examples.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchmarkCommandTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return BenchmarkCommand.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private double number(String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\": ([0-9.]+)").matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("%s in %s", key, printed).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void latencyReportsOrderedPercentiles() throws Exception {
        int status = run("latency", "--warmup", "20", "--max-warmup", "520", "--calls", "100", "--seconds", "1");

        assertThat(status).isZero();
        assertThat(number("single_calls")).isEqualTo(100);
        assertThat(number("warmup_calls")).isBetween(20.0, 520.0);
        assertThat(number("jit_ms_while_timed")).isNotNegative();
        assertThat(number("single_p50_ms")).isPositive();
        assertThat(number("single_p90_ms")).isGreaterThanOrEqualTo(number("single_p50_ms"));
        assertThat(number("single_p99_ms")).isGreaterThanOrEqualTo(number("single_p90_ms"));
        assertThat(number("single_max_ms")).isGreaterThanOrEqualTo(number("single_p99_ms"));
        assertThat(number("batch_size")).isEqualTo(256);
        assertThat(number("batch_images_per_s")).isPositive();
    }

    @Test
    void latencyPrintsProgressSeparately() throws Exception {
        run("latency", "--warmup", "20", "--max-warmup", "520", "--calls", "100", "--seconds", "1");

        String lines = progress.toString(StandardCharsets.UTF_8);
        assertThat(lines).startsWith("Warm-up: 20 calls in ");
        assertThat(lines).contains("Timing 100 single-image calls");
        assertThat(lines).contains("Timing batches of 256 for 1.0 s");
        assertThat(printed.toString(StandardCharsets.UTF_8).strip()).startsWith("{").doesNotContain("\n");
    }

    @Test
    void soakFindsNoMismatch() throws Exception {
        int status = run("soak", "--threads", "3", "--per-thread", "40");

        assertThat(status).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("\"mismatches\": 0");
        assertThat(progress.toString(StandardCharsets.UTF_8)).startsWith("Soak: 3 threads separate 40 mixtures each");
    }

    @Test
    void unknownBenchmarkIsRejected() {
        assertThatThrownBy(() -> run("speed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown benchmark 'speed'; use latency or soak");
    }

    @Test
    void warmupLimitBelowMinimumIsRejected() {
        assertThatThrownBy(() -> run("latency", "--warmup", "100", "--max-warmup", "50"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option --max-warmup of 'benchmark' must be at least 100, but was 50");
    }

    @Test
    void zeroCallsAreRejected() {
        assertThatThrownBy(() -> run("latency", "--calls", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option --calls of 'benchmark' must be at least 1, but was 0");
    }

    @Test
    void tooManyThreadsAreRejected() {
        assertThatThrownBy(() -> run("soak", "--threads", "100000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option --threads of 'benchmark' must be at most 256, but was 100000");
    }

    @Test
    void endlessSecondsAreRejected() {
        assertThatThrownBy(() -> run("latency", "--seconds", "Infinity"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option --seconds of 'benchmark' must be above 0 and at most 3600, but was Infinity");
    }

    @Test
    void missingBenchmarkNamePrintsUsage() throws Exception {
        int status = run();

        assertThat(status).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("Name one benchmark, latency or soak; got none.")
                .contains("Usage: ./unstacker benchmark latency|soak");
    }
}
