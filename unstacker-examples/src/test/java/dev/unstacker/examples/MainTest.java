package dev.unstacker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Command dispatch and usage errors of the launcher's entry point. No command here trains. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("experiment", "separate", "evaluate", "data", "benchmark", "custom-loss");
    }

    @Test
    void unknownCommandIsUsageError() {
        assertThat(run("train")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Unknown command 'train'.");
    }

    @Test
    void customLossShowsItsHelp() {
        assertThat(run("custom-loss", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: ./unstacker custom-loss [OUTPUT_FOLDER]");
    }

    @Test
    void customLossRejectsExtraArguments() {
        assertThat(run("custom-loss", "a", "b")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Error: custom-loss takes at most one argument, the output folder, but got a b");

        assertThat(run("custom-loss", "--epochs")).isEqualTo(2);
    }
}
