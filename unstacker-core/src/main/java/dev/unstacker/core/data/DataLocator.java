package dev.unstacker.core.data;

import dev.unstacker.api.DatasetException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Fashion-MNIST by trying these places in order:
 * <ol>
 *   <li>a directory given in code;
 *   <li>the directory named by the environment variable {@value #ENVIRONMENT_VARIABLE};
 *   <li>the system directory, {@code /usr/share/datasets/fashion-mnist} by default, where the
 *       Debian package dataset-fashion-mnist installs the files;
 *   <li>DJL's basicdataset download, unless DJL runs offline.
 * </ol>
 *
 * <p>A directory counts as found when it contains all four files, each as {@code name} or
 * {@code name.gz}. If both forms are present the uncompressed one is read, because it is faster.
 * A found directory whose files fail a check raises a {@link DatasetException} at once instead of
 * falling through to the next place, so a damaged file is never hidden by a good copy elsewhere.
 * When no place has the files, one exception lists every place with the reason it failed.
 *
 * <p>The environment lookup and the system directory are constructor parameters, so that tests
 * can point each step at a folder of their own.
 */
public final class DataLocator {

    /** The environment variable that names a folder with the four files. */
    public static final String ENVIRONMENT_VARIABLE = "UNSTACKER_DATA";

    /** Directory into which the Debian package dataset-fashion-mnist installs the files. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    private static final Logger LOG = LoggerFactory.getLogger(DataLocator.class);

    private final Function<String, String> environment;
    private final Path systemDirectory;

    /**
     * Creates a locator.
     *
     * @param environment the lookup of an environment variable's value, null if it is not set, such as
     *     {@code System::getenv}
     * @param systemDirectory the third place to look, {@link #SYSTEM_DIRECTORY} in production
     */
    public DataLocator(Function<String, String> environment, Path systemDirectory) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.systemDirectory = Objects.requireNonNull(systemDirectory, "systemDirectory");
    }

    /**
     * Creates a locator that reads the process environment and {@link #SYSTEM_DIRECTORY}.
     *
     * @return the production locator
     */
    public static DataLocator fromSystem() {
        return new DataLocator(System::getenv, SYSTEM_DIRECTORY);
    }

    /**
     * Loads Fashion-MNIST from the first place that has it.
     *
     * @param directory the folder given in code, tried first, or empty to start with the environment variable
     * @return the dataset, checked against the official file hashes
     * @throws DatasetException if no place has the files, or the files found are not the official ones
     */
    public FashionMnist load(Optional<Path> directory) throws DatasetException {
        List<String> attempts = new ArrayList<>();

        if (directory.isPresent()) {
            Optional<FashionMnist> data = tryDirectory("directory argument", directory.get(), attempts);
            if (data.isPresent()) {
                return data.get();
            }
        } else {
            skip("directory argument: none given", attempts);
        }

        String variable = environment.apply(ENVIRONMENT_VARIABLE);
        if (variable == null) {
            skip("environment variable " + ENVIRONMENT_VARIABLE + ": not set", attempts);
        } else if (variable.isBlank()) {
            skip("environment variable " + ENVIRONMENT_VARIABLE + ": set but empty", attempts);
        } else {
            Optional<FashionMnist> data = tryVariable(variable, attempts);
            if (data.isPresent()) {
                return data.get();
            }
        }

        Optional<FashionMnist> data = tryDirectory("system directory", systemDirectory, attempts);
        if (data.isPresent()) {
            return data.get();
        }

        data = DjlDownload.tryLoad(attempts);
        if (data.isPresent()) {
            LOG.info("Loaded Fashion-MNIST from {}", data.get().source());
            return data.get();
        }
        throw notFound(attempts);
    }

    private Optional<FashionMnist> tryVariable(String value, List<String> attempts) throws DatasetException {
        String place = "environment variable " + ENVIRONMENT_VARIABLE;
        try {
            return tryDirectory(place, Path.of(value), attempts);
        } catch (InvalidPathException e) {
            skip(place + " = " + value + ": not a valid path (" + e.getReason() + ")", attempts);
            return Optional.empty();
        }
    }

    private static Optional<FashionMnist> tryDirectory(String place, Path directory, List<String> attempts)
            throws DatasetException {
        String where = place + " " + directory.toAbsolutePath().normalize();
        if (!Files.exists(directory)) {
            skip(where + ": no such directory", attempts);
            return Optional.empty();
        }
        if (!Files.isDirectory(directory)) {
            skip(where + ": not a directory", attempts);
            return Optional.empty();
        }
        List<String> missing = IdxFiles.missing(directory);
        if (!missing.isEmpty()) {
            skip(where + ": missing " + String.join(", ", missing), attempts);
            return Optional.empty();
        }

        LOG.debug("Found all four files in {}", where);
        long start = System.nanoTime();
        FashionMnist data = IdxFiles.read(directory, where);
        LOG.info("Loaded Fashion-MNIST from {} in {} ms", where, (System.nanoTime() - start) / 1_000_000);
        return Optional.of(data);
    }

    private static void skip(String attempt, List<String> attempts) {
        // A folder the user named but that cannot be used is worth a warning: the search goes on
        // and may load other data than the user meant.
        if (attempt.startsWith("directory argument ") || attempt.startsWith("environment variable " + ENVIRONMENT_VARIABLE + " ")) {
            LOG.warn("Fashion-MNIST: cannot use the {}; trying the next place", attempt);
        } else {
            LOG.debug("Fashion-MNIST lookup skipped {}", attempt);
        }
        attempts.add(attempt);
    }

    private static DatasetException notFound(List<String> attempts) {
        StringBuilder message = new StringBuilder("Fashion-MNIST not found. Places tried, in order:");
        for (int i = 0; i < attempts.size(); i++) {
            message.append(System.lineSeparator()).append("  ").append(i + 1).append(". ").append(attempts.get(i));
        }
        message.append(System.lineSeparator())
                .append("To fix this, either install the files with `apt-get install dataset-fashion-mnist` "
                        + "(or point ")
                .append(ENVIRONMENT_VARIABLE)
                .append(" or the directory argument at a folder with ")
                .append(String.join(", ", IdxFiles.names()))
                .append(", each plain or .gz), or let DJL download the dataset by running online without "
                        + "DJL_OFFLINE=true.");
        return new DatasetException(message.toString());
    }
}
