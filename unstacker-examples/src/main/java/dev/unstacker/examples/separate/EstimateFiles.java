package dev.unstacker.examples.separate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writes one input's estimates all or none, and tidies what a killed run left behind.
 *
 * <p>Each estimate is first written to a hidden file {@code .NAME.png-PID-RANDOM.tmp} beside its
 * target. An earlier result that is replaced is moved aside to {@code .NAME.png-PID-RANDOM.old}
 * until the new estimates are all in place. The process id in these names tells a later run whether
 * the run that made them has ended.
 */
final class EstimateFiles {

    /** A hidden file of this class: the target's name, the process id, a random part, the kind. */
    private static final Pattern HIDDEN = Pattern.compile("\\.(.+\\.png)-(\\d+)-[0-9a-z]+\\.(tmp|old)");

    private static final SecureRandom RANDOM = new SecureRandom();

    private EstimateFiles() {}

    /**
     * Writes every estimate to a new hidden temporary file, then moves any earlier results aside and
     * the new files into place. If a step fails, the earlier results are put back, so the folder
     * ends with either all new estimates or what it had before. An earlier result that cannot be put
     * back stays in its hidden backup, which the error output names.
     *
     * @param targets the estimate files, one per image
     * @param images the estimates
     * @param err where a backup that could not be put back is named
     * @throws IOException if an estimate could not be written; the folder is as it was
     */
    static void write(List<Path> targets, List<BufferedImage> images, PrintStream err) throws IOException {
        List<Path> temporaries = new ArrayList<>();
        List<Path> backups = new ArrayList<>();
        int placed = 0;
        boolean done = false;
        try {
            for (int i = 0; i < targets.size(); i++) {
                Path temporary = newHiddenFile(targets.get(i), ".tmp");
                // Removed when the JVM exits, also on Ctrl-C, if it has not been moved into place by then.
                temporary.toFile().deleteOnExit();
                temporaries.add(temporary);
                try (OutputStream stream = Files.newOutputStream(temporary)) {
                    if (!ImageIO.write(images.get(i), "png", stream)) {
                        throw new IOException("no PNG writer is available in this Java runtime");
                    }
                }
            }
            for (Path target : targets) {
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(target + " is a folder, so it was kept");
                }
            }
            for (int i = 0; i < targets.size(); i++) {
                Path target = targets.get(i);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // Not removed on exit: if putting it back fails, it is the only copy of the earlier result.
                    Path backup = newHiddenFile(target, ".old");
                    Files.move(target, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    backups.add(backup);
                } else {
                    backups.add(null);
                }
                Files.move(temporaries.get(i), target, StandardCopyOption.ATOMIC_MOVE);
                placed++;
            }
            done = true;
        } finally {
            if (!done) {
                restore(targets, placed, backups, err);
            }
            for (Path file : temporaries) {
                deleteQuietly(file);
            }
            if (done) {
                for (Path backup : backups) {
                    deleteQuietly(backup);
                }
            }
        }
    }

    /**
     * Tidies the hidden files that runs which have ended left in a folder, for instance after
     * {@code kill -9}. Their temporary files are removed. Each earlier result they had moved aside is
     * moved back if its file is missing; otherwise it is kept and named on {@code err}, because it may
     * be the only copy of something the user saved. Files of runs still going are not touched.
     *
     * @param folder the output folder
     * @param err where moved-back and kept results are named
     * @return the number of earlier results moved back
     * @throws IOException if the folder cannot be listed
     */
    static int tidyAfterEndedRuns(Path folder, PrintStream err) throws IOException {
        int movedBack = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*")) {
            for (Path entry : entries) {
                Matcher matcher = HIDDEN.matcher(entry.getFileName().toString());
                if (!matcher.matches() || isRunning(matcher.group(2))) {
                    continue;
                }
                if (matcher.group(3).equals("tmp")) {
                    deleteQuietly(entry);
                    continue;
                }
                Path target = folder.resolve(matcher.group(1));
                if (moveBack(entry, target)) {
                    movedBack++;
                    err.println("Moved back " + target + ", which an interrupted run had set aside as " + entry);
                } else {
                    err.println("Kept " + entry + ": an interrupted run set aside this earlier " + target
                            + ", and a newer one is in its place. Delete or rename it once checked");
                }
            }
        }
        return movedBack;
    }

    /** Moves a backup to its target if the target is missing, and returns false if the target exists. */
    private static boolean moveBack(Path backup, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            // A hard link fails if the target appeared meanwhile, where a rename would replace it.
            Files.createLink(target, backup);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            // The file system has no hard links; a plain move checks for the target first.
            try {
                Files.move(backup, target);
                return true;
            } catch (FileAlreadyExistsException alreadyThere) {
                return false;
            }
        }
        Files.delete(backup);
        return true;
    }

    /** Returns whether the process with this id is still running; this process counts as running. */
    private static boolean isRunning(String pid) {
        long id;
        try {
            id = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            // Not a process id this class wrote; the file is left alone.
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(id);
        return process.isPresent() && process.get().isAlive();
    }

    /**
     * Moves the earlier results back over the new estimates already placed, and removes new
     * estimates that had no earlier result. A backup that cannot be moved back is kept and named.
     */
    private static void restore(List<Path> targets, int placed, List<Path> backups, PrintStream err) {
        for (int i = 0; i < backups.size(); i++) {
            Path target = targets.get(i);
            Path backup = backups.get(i);
            if (backup == null) {
                if (i < placed) {
                    deleteQuietly(target);
                }
                continue;
            }
            try {
                Files.move(backup, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                err.println("Failed to put back the earlier " + target + ", so it is kept as " + backup + ": "
                        + e.getMessage());
            }
        }
    }

    /**
     * Creates an empty hidden file with a unique name next to {@code target}, with the permissions
     * of any new file in that folder. The name contains this process's id, for
     * {@link #tidyAfterEndedRuns}.
     */
    static Path newHiddenFile(Path target, String suffix) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + "-" + ProcessHandle.current().pid() + "-";
        while (true) {
            String unique = Long.toUnsignedString(RANDOM.nextLong(), 36);
            try {
                return Files.createFile(folder.resolve(prefix + unique + suffix));
            } catch (FileAlreadyExistsException e) {
                // Another name is drawn.
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A file that cannot be removed is left; the error that ended the write is the one reported.
        }
    }
}
