package dev.unstacker.examples;

import dev.unstacker.core.engine.EngineSetup;
import dev.unstacker.examples.customloss.CustomLossExample;
import dev.unstacker.examples.data.DataCommand;
import dev.unstacker.examples.experiment.ExperimentCommand;
import dev.unstacker.examples.separate.SeparateCommand;
import java.io.PrintStream;
import java.util.Arrays;

/** The command-line entry point started by the {@code ./unstacker} launcher. */
public final class Main {

    private static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: ./unstacker COMMAND [OPTIONS]",
            "",
            "Commands:",
            "  experiment   train and evaluate the Fashion-MNIST separation experiment (the main job)",
            "  separate     separate image files with the pretrained or a saved model",
            "  evaluate     score the pretrained or a saved model on the test mixtures",
            "  data         build the default mixture splits and draw sample mixtures",
            "  benchmark    measure separation latency, throughput and memory under load",
            "  custom-loss  train a small model with a user-written loss (an example of the API)",
            "  help         show this text; 'COMMAND --help' shows a command's options");

    private Main() {}

    private static String describe(java.nio.file.FileSystemException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way where a folder is needed";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder, or its parent folder cannot be created";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command name and its options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args the command name and its options
     * @param out standard output
     * @param err standard error
     * @return the exit status: 0 on success, 1 when the work failed, 2 for invalid usage
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        EngineSetup.optOutOfTracking();
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "experiment" -> ExperimentCommand.run(rest, out);
                case "separate" -> SeparateCommand.run(rest, out, err);
                case "data" -> DataCommand.run(rest, out);
                case "evaluate" -> dev.unstacker.examples.evaluate.EvaluateCommand.run(rest, out);
                case "benchmark" -> dev.unstacker.examples.benchmark.BenchmarkCommand.run(rest, out);
                case "custom-loss" -> CustomLossExample.run(rest, out);
                default -> {
                    err.println("Unknown command '" + args[0] + "'.");
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return 2;
        } catch (dev.unstacker.api.UnstackerException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (java.nio.file.FileSystemException e) {
            // These exceptions carry only the path as their message.
            err.println("Error: cannot use " + e.getFile() + ": " + describe(e));
            return 1;
        } catch (java.io.IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("Error: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }
}
