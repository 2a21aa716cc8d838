package dev.unstacker.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The real Fashion-MNIST files that tests read and copy: from {@code UNSTACKER_DATA} if set,
 * otherwise from the system directory where the Debian package dataset-fashion-mnist puts them.
 */
final class RealFiles {

    static final Path DIRECTORY = directory();

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private static final Map<String, byte[]> CONTENT = new ConcurrentHashMap<>();

    private RealFiles() {}

    /** Returns the real file, as stored: {@code name} or {@code name.gz}. */
    static Path file(String name) {
        Path plain = DIRECTORY.resolve(name);
        return Files.isRegularFile(plain) ? plain : DIRECTORY.resolve(name + ".gz");
    }

    /** Returns the uncompressed content of a real file, read once per test JVM. */
    static byte[] content(String name) {
        return CONTENT.computeIfAbsent(name, RealFiles::read).clone();
    }

    /** Links all four real files into {@code directory}. */
    static void linkAll(Path directory) throws IOException {
        for (String name : NAMES) {
            link(directory, name);
        }
    }

    /** Links one real file into {@code directory} under its stored name. */
    static void link(Path directory, String name) throws IOException {
        Path real = file(name);
        Files.createSymbolicLink(directory.resolve(real.getFileName()), real);
    }

    /** Links the two real files of the training split into {@code directory}. */
    static void linkTrain(Path directory) throws IOException {
        link(directory, TRAIN_IMAGES);
        link(directory, TRAIN_LABELS);
    }

    /** Writes {@code content} uncompressed as {@code directory/name}. */
    static Path writePlain(Path directory, String name, byte[] content) throws IOException {
        return Files.write(directory.resolve(name), content);
    }

    /** Writes {@code content} gzip-compressed as {@code directory/name.gz}. */
    static Path writeGzip(Path directory, String name, byte[] content) throws IOException {
        return Files.write(directory.resolve(name + ".gz"), gzip(content));
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] read(String name) {
        Path file = file(name);
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Tests need the real Fashion-MNIST file " + file
                    + "; install the Debian package dataset-fashion-mnist or set UNSTACKER_DATA", e);
        }
    }

    private static Path directory() {
        String variable = System.getenv(DataLocator.ENVIRONMENT_VARIABLE);
        return variable == null || variable.isBlank() ? DataLocator.SYSTEM_DIRECTORY : Path.of(variable);
    }
}
