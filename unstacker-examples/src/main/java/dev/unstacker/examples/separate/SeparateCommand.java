package dev.unstacker.examples.separate;

import java.io.PrintStream;

/** Separates image files; see {@code ./unstacker separate --help}. */
public final class SeparateCommand {

    private SeparateCommand() {}

    /**
     * Runs the command.
     *
     * @param args file names and options
     * @param out standard output
     * @param err standard error
     * @return 0 if every file was separated, 1 otherwise
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("The separate command needs a trained model; it is not available in this build yet.");
        return 1;
    }
}
