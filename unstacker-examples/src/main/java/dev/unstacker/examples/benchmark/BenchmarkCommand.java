package dev.unstacker.examples.benchmark;

import java.io.PrintStream;

/** Measures separation speed and memory; see {@code ./unstacker benchmark --help}. */
public final class BenchmarkCommand {

    private BenchmarkCommand() {}

    /**
     * Runs the command.
     *
     * @param args options
     * @param out standard output
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out) {
        out.println("The benchmark command is not available in this build yet.");
        return 1;
    }
}
