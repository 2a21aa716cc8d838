package dev.unstacker;

import dev.unstacker.api.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models bundled in the library jar, under {@code dev/unstacker/pretrained/NAME/}. Each contains a
 * {@code files.txt} listing the folder's files, because a jar cannot be listed portably.
 */
final class PretrainedModels {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedModels.class);

    static final String FASHION_MNIST = "fashion-mnist";

    private static final String ROOT = "/dev/unstacker/pretrained/";

    private PretrainedModels() {}

    static boolean isBundled(String name) {
        return name.trim().toLowerCase(Locale.ROOT).equals(FASHION_MNIST);
    }

    /** Copies a bundled model folder out of the jar into a new temporary folder. */
    static Path extract(String name) throws ModelFormatException {
        String base = ROOT + name.trim().toLowerCase(Locale.ROOT) + "/";
        List<String> files = listing(base);
        Path folder;
        try {
            folder = Files.createTempDirectory("unstacker-" + FASHION_MNIST);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot create a temporary folder for the bundled model '" + name + "': "
                    + e.getMessage(), e);
        }
        try {
            for (String file : files) {
                try (InputStream in = open(base + file)) {
                    Files.copy(in, folder.resolve(file));
                }
            }
        } catch (IOException e) {
            delete(folder);
            throw new ModelFormatException("Cannot copy the bundled model '" + name + "' out of the jar: " + e.getMessage(), e);
        }
        return folder;
    }

    /**
     * Deletes a temporary folder and its files. A failure is logged, not thrown, because it runs in
     * {@code finally} blocks where an exception would hide the result or the first error.
     */
    static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete the temporary folder {}: {}", folder, e.getMessage());
        }
    }

    private static List<String> listing(String base) throws ModelFormatException {
        try (InputStream in = open(base + "files.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read the bundled model list " + base + "files.txt: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = PretrainedModels.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource " + resource + " is missing from the class path; the unstacker-core jar is incomplete");
        }
        return in;
    }
}
