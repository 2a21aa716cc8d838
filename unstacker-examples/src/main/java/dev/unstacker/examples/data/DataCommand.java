package dev.unstacker.examples.data;

import dev.unstacker.api.DatasetException;
import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.mix.MixtureSplits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The {@code data} command: loads Fashion-MNIST, builds the default mixture protocol, prints the
 * split sizes and the build time, and writes {@code samples.png} with sample training mixtures and
 * their sources.
 */
public final class DataCommand {

    /** Default folder for {@code samples.png}, used unless {@code --out} is given. */
    public static final String DEFAULT_OUT = "runs/data";

    /** Training mixtures shown in {@code samples.png}. */
    static final int SAMPLE_ROWS = 8;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ./unstacker data [--data DIR] [--seed N] [--out DIR]",
            "  --data DIR  folder with the four Fashion-MNIST files, tried before UNSTACKER_DATA and",
            "              /usr/share/datasets/fashion-mnist",
            "  --seed N    seed of the mixture grouping (default 0)",
            "  --out DIR   folder for samples.png (default " + DEFAULT_OUT + ")");

    private DataCommand() {}

    /**
     * Runs the command.
     *
     * @param args the options after the command name
     * @param out the stream for split sizes and timings, while errors go to standard error
     * @return 0 on success, 1 if the data or the picture failed, 2 for invalid options
     */
    public static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("data: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }

        try {
            FashionMnist data = options.data == null ? FashionMnist.load() : FashionMnist.load(options.data);
            out.println("Fashion-MNIST from " + data.source());

            long start = System.nanoTime();
            MixtureProtocol protocol = MixtureProtocol.builder().optSeed(options.seed).build();
            MixtureSplits splits = MixtureSplits.build(data, protocol);
            double buildMillis = (System.nanoTime() - start) / 1e6;
            out.printf(Locale.ROOT, "train %d, validation %d, test %d%n", splits.train().size(),
                    splits.validation().size(), splits.test().size());
            out.printf(Locale.ROOT, "built the mixtures (seed %d) in %.0f ms%n", options.seed, buildMillis);

            int rows = Math.min(SAMPLE_ROWS, splits.train().mixtureCount());
            BufferedImage samples = SampleGrid.render(splits.train(), rows);
            Files.createDirectories(options.out);
            Path file = options.out.resolve("samples.png");
            ImageIO.write(samples, "png", file.toFile());
            out.println("wrote " + file);
            return 0;
        } catch (DatasetException e) {
            System.err.println("data: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("data: could not write samples.png to " + options.out + ": " + e.getMessage());
            return 1;
        }
    }

    /** The parsed command-line options. */
    private static final class Options {
        private Path data;
        private long seed;
        private Path out = Path.of(DEFAULT_OUT);
        private boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--data" -> options.data = path(option, value(args, ++i, option));
                    case "--out" -> options.out = path(option, value(args, ++i, option));
                    case "--seed" -> options.seed = seed(value(args, ++i, option));
                    case "--help", "-h" -> options.help = true;
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            return options;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            return args[i];
        }

        private static Path path(String option, String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(
                        "invalid path for " + option + ": " + value + " (" + e.getReason() + ")");
            }
        }

        private static long seed(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid --seed " + value + ": expected a whole number");
            }
        }
    }
}
