package dev.unstacker.examples.separate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writes one input's estimates all or none, and finishes or undoes the writes of a run that was
 * killed.
 *
 * <p>A write goes in steps, each leaving hidden files beside the targets whose names end in
 * {@code .unstacker-PID-START-RANDOM.KIND}, with the writing process's id and start time:
 * <ol>
 *   <li>each estimate is written to a {@code .tmp} file;
 *   <li>a {@code .plan} file lists the targets with their {@code .tmp} and {@code .old} names;
 *   <li>each earlier result is renamed to its {@code .old} name and each {@code .tmp} to its target;
 *   <li>the plan is renamed to {@code .done}, then the {@code .old} files and the {@code .done} are removed.
 * </ol>
 * A later run that finds the files of a process that has ended undoes a {@code .plan} (earlier
 * results go back, new estimates go) and finishes a {@code .done}, so the folder again has either
 * all new estimates of that input or what it had before.
 */
final class EstimateFiles {

    /** A hidden file of this class: what it belongs to, process id, start time, random part, kind. */
    private static final Pattern HIDDEN =
            Pattern.compile("\\.(.+)\\.unstacker-(\\d+)-(\\d+)-([0-9a-z]+)\\.(tmp|old|plan|done|part)");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One target with the names of its temporary file and its backup, in the same folder. */
    private record Entry(Path target, Path temporary, Path backup) {}

    private EstimateFiles() {}

    /**
     * Writes every estimate to a new hidden temporary file, then moves any earlier results aside and
     * the new files into place. If a step fails, the earlier results are put back, so the folder
     * ends with either all new estimates or what it had before. An earlier result that cannot be put
     * back stays in its hidden backup, which the error output names.
     *
     * @param targets the estimate files, one per image, all in one folder
     * @param images the estimates
     * @param err where a backup that could not be put back is named
     * @throws IOException if an estimate could not be written; the folder is as it was
     */
    static void write(List<Path> targets, List<BufferedImage> images, PrintStream err) throws IOException {
        String marker = newMarker();
        List<Entry> entries = new ArrayList<>();
        for (Path target : targets) {
            entries.add(new Entry(target, hidden(target, marker, "tmp"), hidden(target, marker, "old")));
        }
        Path plan = hidden(targets.get(0), marker, "plan");
        Path done = hidden(targets.get(0), marker, "done");
        List<Path> backedUp = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        boolean finished = false;
        try {
            for (int i = 0; i < entries.size(); i++) {
                Path temporary = entries.get(i).temporary();
                try (OutputStream stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
                    // Removed when the JVM exits, also on Ctrl-C, if it has not been moved into place by then.
                    temporary.toFile().deleteOnExit();
                    if (!ImageIO.write(images.get(i), "png", stream)) {
                        throw new IOException("no PNG writer is available in this Java runtime");
                    }
                }
            }
            for (Entry entry : entries) {
                if (Files.isDirectory(entry.target(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(entry.target() + " is a folder, so it was kept");
                }
            }
            writePlan(plan, hidden(targets.get(0), marker, "part"), entries);
            for (Entry entry : entries) {
                if (Files.exists(entry.target(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(entry.target(), entry.backup(), StandardCopyOption.ATOMIC_MOVE);
                    backedUp.add(entry.target());
                }
                if (!placeIfAbsent(entry.temporary(), entry.target())) {
                    throw new IOException(entry.target() + " appeared while this run was writing it, so it was kept");
                }
                placed.add(entry.target());
            }
            Files.move(plan, done, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
        } finally {
            if (!finished) {
                restore(entries, backedUp, placed, err);
            }
            for (Entry entry : entries) {
                deleteQuietly(entry.temporary());
                if (finished) {
                    deleteQuietly(entry.backup());
                }
            }
            deleteQuietly(finished ? done : plan);
        }
    }

    /**
     * Moves the earlier results back over the new estimates already placed, and removes new
     * estimates that had no earlier result. A backup that cannot be moved back is kept and named.
     */
    private static void restore(List<Entry> entries, List<Path> backedUp, List<Path> placed, PrintStream err) {
        for (Entry entry : entries) {
            if (backedUp.contains(entry.target())) {
                try {
                    Files.move(entry.backup(), entry.target(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    err.println("Failed to put back the earlier " + entry.target() + ", so it is kept as "
                            + entry.backup() + ": " + e.getMessage());
                }
            } else if (placed.contains(entry.target())) {
                deleteQuietly(entry.target());
            }
        }
    }

    /**
     * Finishes or undoes what runs that have ended, for instance after {@code kill -9}, left in a
     * folder. An interrupted write (a {@code .plan}) is undone: earlier results go back and its new
     * estimates are removed. A completed one (a {@code .done}) keeps its new estimates and loses its
     * backups. Leftover temporary files are removed. Files of runs still going are not touched. A
     * file that cannot be handled is named on {@code err} and skipped, so the run goes on.
     *
     * @param folder the output folder
     * @param err where undone writes and skipped files are named
     * @return the number of interrupted writes undone
     */
    static int tidyAfterEndedRuns(Path folder, PrintStream err) {
        List<Path> plans = new ArrayList<>();
        List<Path> completed = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*")) {
            for (Path entry : entries) {
                Matcher matcher = HIDDEN.matcher(entry.getFileName().toString());
                if (!matcher.matches() || !hasEnded(matcher.group(2), matcher.group(3))) {
                    continue;
                }
                switch (matcher.group(5)) {
                    case "plan" -> plans.add(entry);
                    case "done" -> completed.add(entry);
                    case "tmp", "part" -> leftovers.add(entry);
                    default -> {
                        // A backup is handled through its plan.
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("Warning: could not look for files left by interrupted runs in " + folder + ": " + e.getMessage());
            return 0;
        }
        int undone = 0;
        for (Path plan : plans) {
            try {
                List<Path> restored = undo(folder, readPlan(folder, plan));
                Files.delete(plan);
                undone++;
                err.println("Undid an interrupted run's partial write; the folder has the earlier " + restored);
            } catch (IOException | RuntimeException e) {
                err.println("Warning: could not undo the interrupted write recorded in " + plan + ": " + e.getMessage());
            }
        }
        for (Path record : completed) {
            try {
                for (Entry entry : readPlan(folder, record)) {
                    Files.deleteIfExists(entry.backup());
                }
                Files.delete(record);
            } catch (IOException | RuntimeException e) {
                err.println("Warning: could not remove the backups listed in " + record + ": " + e.getMessage());
            }
        }
        for (Path leftover : leftovers) {
            deleteQuietly(leftover);
        }
        return undone;
    }

    /**
     * Undoes one interrupted write from the state of its files. The plan was written after every
     * temporary file, so a missing temporary file was moved to its target, and a backup that exists
     * holds the earlier result.
     *
     * @return the targets that have their earlier result again
     */
    private static List<Path> undo(Path folder, List<Entry> entries) throws IOException {
        List<Path> restored = new ArrayList<>();
        for (Entry entry : entries) {
            if (Files.exists(entry.backup(), LinkOption.NOFOLLOW_LINKS)) {
                Files.move(entry.backup(), entry.target(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                restored.add(entry.target());
            } else if (wasPlaced(entry)) {
                // Put in place by the ended run, over no earlier result.
                Files.deleteIfExists(entry.target());
            } else if (Files.exists(entry.target(), LinkOption.NOFOLLOW_LINKS)) {
                restored.add(entry.target());
            }
            Files.deleteIfExists(entry.temporary());
        }
        return restored;
    }

    /**
     * Returns whether the ended run put this entry's estimate in place: its temporary file is gone,
     * or the run was killed between linking the target to it and removing it.
     */
    private static boolean wasPlaced(Entry entry) throws IOException {
        if (!Files.exists(entry.temporary(), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return Files.exists(entry.target(), LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(entry.target(), entry.temporary());
    }

    /** Writes the plan under a temporary name and renames it, so a plan file is never partial. */
    private static void writePlan(Path plan, Path part, List<Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.target().getFileName()).append('/')
                    .append(entry.temporary().getFileName()).append('/')
                    .append(entry.backup().getFileName()).append('\n');
        }
        Files.write(part, text.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW);
        Files.move(part, plan, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a plan: one line per target, three file names separated by '/', which no name contains.
     * NOTE: a target name with a line break makes its plan unreadable, so a killed write to it is not undone.
     */
    private static List<Entry> readPlan(Path folder, Path plan) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(plan, StandardCharsets.UTF_8)) {
            String[] names = line.split("/");
            if (names.length != 3) {
                throw new IOException("invalid plan line '" + line + "'");
            }
            entries.add(new Entry(folder.resolve(names[0]), folder.resolve(names[1]), folder.resolve(names[2])));
        }
        return entries;
    }

    /**
     * Moves {@code source} to {@code target} unless the target exists; returns false if it does. A
     * hard link is used because it fails on an existing target, where a rename would replace it.
     */
    private static boolean placeIfAbsent(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            // The file system has no hard links, so a plain move, which checks for the target first.
            try {
                Files.move(source, target);
                return true;
            } catch (FileAlreadyExistsException alreadyThere) {
                return false;
            }
        }
        Files.delete(source);
        return true;
    }

    /**
     * Returns whether the process with this id and start time has ended. A process with the same id
     * but another start time is another process, as after id reuse or in another container.
     */
    static boolean hasEnded(String pid, String startMillis) {
        long id;
        long start;
        try {
            id = Long.parseLong(pid);
            start = Long.parseLong(startMillis);
        } catch (NumberFormatException e) {
            // Not numbers this class wrote, so the file is left alone.
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(id);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        // On Linux the start time is the kernel's, in clock ticks since boot, so every reader gets the same value.
        return start != 0 && started.isPresent() && Math.abs(started.get().toEpochMilli() - start) > 1000;
    }

    /** Returns a marker unique to this write: {@code .unstacker-PID-START-RANDOM}. */
    static String newMarker() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return marker(self.pid(), start, Long.toUnsignedString(RANDOM.nextLong(), 36));
    }

    /** Returns the marker of a write by the given process. */
    static String marker(long pid, long startMillis, String random) {
        return ".unstacker-" + pid + "-" + startMillis + "-" + random;
    }

    /** Returns the hidden file {@code .NAME.MARKER.KIND} beside {@code target}. */
    static Path hidden(Path target, String marker, String kind) {
        return target.toAbsolutePath().resolveSibling("." + target.getFileName() + marker + "." + kind);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A file that cannot be removed is left; the error that ended the write is the one reported.
        }
    }
}
