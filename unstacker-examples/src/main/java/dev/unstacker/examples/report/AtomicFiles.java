package dev.unstacker.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/** Replaces files so that a concurrent reader sees either the old or the new content. */
final class AtomicFiles {

    /** Writes the content of a file at the path it is given. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(Path file) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /**
     * Writes a temporary sibling of {@code target}, then moves it over {@code target}. The
     * temporary file is deleted if writing or moving fails.
     */
    static void replace(Path target, ContentWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);

        // A hidden name in the same folder keeps the move a rename on one file system. The writer
        // creates the file itself, so it gets the usual permissions rather than createTempFile's
        // owner-only ones, which a web server running as another user could not read.
        String suffix = Long.toHexString(RANDOM.nextLong());
        Path temporary = folder.resolve("." + absolute.getFileName() + "." + suffix + ".tmp");
        try {
            writer.writeTo(temporary);
            move(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Replaces {@code target} with UTF-8 text. */
    static void replaceText(Path target, String text) throws IOException {
        replace(target, file -> Files.writeString(file, text, StandardCharsets.UTF_8));
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(
                    source,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some network and FUSE file systems have no atomic rename. A plain replace is the
            // best they offer, so a reader may then briefly see a partial file.
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
