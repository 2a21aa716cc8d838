package dev.unstacker.examples.separate;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writes one input's estimates all or none, and undoes the write of a run that was killed.
 *
 * <p>Every hidden file of one write has the same id in its name, {@code .unstacker-ID.KIND}:
 * <ol>
 *   <li>each estimate is written to a {@code .tmp} file;
 *   <li>a plan, created as {@code .part}, locked, filled and renamed to {@code .plan}, lists each
 *       target with its temporary file, its backup name, the length and SHA-256 of its estimate,
 *       whether it had an earlier result, and the temporary file's key (its inode on Linux);
 *   <li>each earlier result is renamed to its {@code .old} name and each target is linked to its
 *       {@code .tmp};
 *   <li>the plan is renamed to {@code .done}, the other files are removed, and the lock is released.
 * </ol>
 * The operating system releases the lock when the process ends, however it ends, so a plan that a
 * later run can lock belongs to a writer that is gone. That run undoes a {@code .plan} and finishes
 * a {@code .done}. A target counts as the writer's estimate only if it is the same file as the
 * temporary one and matches the planned length and hash. So a file that someone else put there is
 * never removed, even with the same bytes, and undoing twice changes nothing.
 *
 * <p>NOTE: nothing is synced to disk, so a power failure, unlike a killed process, can still leave
 * a partial file.
 */
final class EstimateFiles {

    private static final String MARK = ".unstacker-";

    /** A hidden file of this class: the target's name (empty for the plan), the write's id, the kind. */
    private static final Pattern HIDDEN = Pattern.compile("\\.(.*)\\.unstacker-([0-9a-z]+)\\.(tmp|old|part|plan|done)");

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One target with its temporary file, its backup, the length and hash of its new estimate,
     * whether it had an earlier result when the plan was made, and the file system's key of the
     * temporary file ({@code -} where the file system has none), which the target shares once linked.
     */
    record Entry(Path target, Path temporary, Path backup, long length, String sha256, boolean hadEarlier, String fileKey) {}

    /** Leftover temporary files without a plan are removed once they are this old. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private EstimateFiles() {}

    /**
     * Writes the estimates so that the folder ends with either all of them or what it had before.
     * Earlier results are replaced only with {@code overwrite}; a target that appeared since the
     * caller checked is kept and the write fails.
     *
     * @param targets the estimate files, one per image, all in one folder
     * @param images the estimates
     * @param overwrite whether existing targets may be replaced
     * @param err where an earlier result that could not be put back is named
     * @throws IOException if an estimate could not be written; the folder is as it was
     */
    static void write(List<Path> targets, List<BufferedImage> images, boolean overwrite, PrintStream err)
            throws IOException {
        String id = Long.toUnsignedString(RANDOM.nextLong(), 36);
        List<Path> temporaries = new ArrayList<>();
        try {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                byte[] png = encode(images.get(i));
                Path target = targets.get(i).toAbsolutePath();
                Path temporary = hidden(target, id, "tmp");
                temporaries.add(temporary);
                Files.write(temporary, png, StandardOpenOption.CREATE_NEW);
                // Removed when the JVM exits, also on Ctrl-C, if it has not been moved into place by then.
                temporary.toFile().deleteOnExit();
                entries.add(new Entry(target, temporary, hidden(target, id, "old"), png.length, sha256(png),
                        Files.exists(target, LinkOption.NOFOLLOW_LINKS), fileKey(temporary)));
            }
            writePlanned(entries, id, overwrite, err);
        } finally {
            for (Path temporary : temporaries) {
                deleteQuietly(temporary);
            }
        }
    }

    /** Makes the plan, locks it and carries it out, and undoes it if a step fails. */
    private static void writePlanned(List<Entry> entries, String id, boolean overwrite, PrintStream err)
            throws IOException {
        Path folder = entries.get(0).target().getParent();
        Path part = record(folder, id, "part");
        Path plan = record(folder, id, "plan");
        Path done = record(folder, id, "done");
        boolean finished = false;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            try {
                lockIfSupported(channel);
                channel.write(ByteBuffer.wrap(planText(entries).getBytes(StandardCharsets.UTF_8)));
                Files.move(part, plan, StandardCopyOption.ATOMIC_MOVE);
                place(entries, overwrite);
                Files.move(plan, done, StandardCopyOption.ATOMIC_MOVE);
                finished = true;
            } finally {
                if (!finished) {
                    for (Entry entry : entries) {
                        undo(entry, err);
                    }
                }
                for (Entry entry : entries) {
                    deleteQuietly(entry.temporary());
                    if (finished) {
                        deleteQuietly(entry.backup());
                    }
                }
                // Removed under the lock, so no other run can take a plan whose writer is still cleaning up.
                deleteQuietly(part);
                deleteQuietly(plan);
                deleteQuietly(done);
            }
        }
    }

    /**
     * Locks the plan. On a file system without locks the write goes on unlocked, because other runs
     * cannot lock the plan there either, so they leave it alone.
     */
    private static void lockIfSupported(FileChannel channel) {
        try {
            channel.lock();
        } catch (IOException e) {
            // Without locks, a killed write here is undone by no one; its files stay hidden in the folder.
        }
    }

    /** Sets earlier results aside and links each target to its temporary file. */
    private static void place(List<Entry> entries, boolean overwrite) throws IOException {
        for (Entry entry : entries) {
            if (Files.isDirectory(entry.target(), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(entry.target() + " is a folder, so it was kept");
            }
        }
        for (Entry entry : entries) {
            if (Files.exists(entry.target(), LinkOption.NOFOLLOW_LINKS)) {
                if (!overwrite) {
                    throw new IOException(entry.target() + " appeared while this run was writing its estimates, so it was kept");
                }
                Files.move(entry.target(), entry.backup(), StandardCopyOption.ATOMIC_MOVE);
            }
            if (!linkIfAbsent(entry.target(), entry.temporary(), true)) {
                throw new IOException(entry.target() + " appeared while this run was writing its estimates, so it was kept");
            }
        }
    }

    /**
     * Undoes one entry from the state of its files: the earlier result goes back in place of this
     * write's estimate, and an estimate with no earlier result is removed. A target that is not this
     * write's estimate is left, and an earlier result that cannot go back stays in its backup,
     * which is named on {@code err}.
     *
     * @return what was changed
     */
    private static Undone undo(Entry entry, PrintStream err) {
        try {
            if (Files.exists(entry.backup(), LinkOption.NOFOLLOW_LINKS)) {
                if (isEstimate(entry)) {
                    Files.move(entry.backup(), entry.target(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    return Undone.PUT_BACK;
                }
                if (linkIfAbsent(entry.target(), entry.backup(), false)) {
                    return Undone.PUT_BACK;
                }
                err.println("Kept the earlier " + entry.target() + " as " + entry.backup()
                        + ", because another file has taken its place since");
                return Undone.NOTHING;
            }
            // Without a backup, an earlier result was never moved, so only a target that was new can be this write's.
            if (!entry.hadEarlier() && isEstimate(entry)) {
                Files.delete(entry.target());
                return Undone.REMOVED;
            }
            return Undone.NOTHING;
        } catch (IOException e) {
            err.println("Failed to put back the earlier " + entry.target() + ", so it is kept as " + entry.backup()
                    + ": " + e.getMessage());
            return Undone.NOTHING;
        }
    }

    /** The change that undoing one entry made. */
    private enum Undone {
        NOTHING,
        PUT_BACK,
        REMOVED
    }

    /**
     * Undoes or finishes what writers that have ended, for instance after {@code kill -9}, left in a
     * folder. A plan is handled only when its lock can be taken, so the writes of runs still going,
     * in this container or another, are not touched. A file that cannot be handled is named on
     * {@code err} and skipped, so the run goes on.
     *
     * @param folder the output folder
     * @param err where undone writes and skipped files are named
     */
    static void tidyAfterEndedRuns(Path folder, PrintStream err) {
        Map<String, List<Path>> temporaries = new LinkedHashMap<>();
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder, ".*")) {
            for (Path file : listing) {
                Matcher matcher = HIDDEN.matcher(file.getFileName().toString());
                if (!matcher.matches()) {
                    continue;
                }
                String kind = matcher.group(3);
                boolean isRecord = kind.equals("part") || kind.equals("plan") || kind.equals("done");
                if (isRecord && matcher.group(1).isEmpty()) {
                    records.add(file);
                } else if (kind.equals("tmp") && matcher.group(1).endsWith(".png")) {
                    temporaries.computeIfAbsent(matcher.group(2), key -> new ArrayList<>()).add(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("Warning: could not look for files left by interrupted runs in " + folder + ": "
                    + e.getMessage());
            return;
        }
        for (Path record : records) {
            try {
                handleEnded(folder, record, err);
            } catch (NoSuchFileException e) {
                // Its writer is still going and has moved on to the next step.
            } catch (IOException | RuntimeException e) {
                err.println("Warning: could not handle " + record + ", left by an interrupted run: " + e.getMessage());
            }
        }
        for (Map.Entry<String, List<Path>> write : temporaries.entrySet()) {
            if (hasRecord(folder, write.getKey())) {
                continue;
            }
            // Without a plan, an old temporary file is left from a write killed before its plan was made.
            // A recent one may belong to a writer that has not made its plan yet.
            for (Path file : write.getValue()) {
                if (isOlderThan(file, LEFTOVER_AGE)) {
                    deleteQuietly(file);
                }
            }
        }
    }

    /**
     * Undoes a {@code .plan} or finishes a {@code .done} if its writer has ended. The lock is held
     * meanwhile, so two runs never handle one plan.
     */
    private static void handleEnded(Path folder, Path record, PrintStream err) throws IOException {
        try (FileChannel channel = FileChannel.open(record, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // This JVM is writing it.
                return;
            }
            // A writer removes its record before it releases the lock, so if the name is gone the write ended normally.
            if (lock == null || !Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            String name = record.getFileName().toString();
            if (name.endsWith(".part") && !isOlderThan(record, LEFTOVER_AGE)) {
                // Its writer may have created it and not locked it yet.
                return;
            }
            List<Entry> entries = name.endsWith(".part") ? List.of() : readPlan(folder, channel);
            boolean undone = name.endsWith(".plan");
            if (undone) {
                List<Path> putBack = new ArrayList<>();
                List<Path> removed = new ArrayList<>();
                for (Entry entry : entries) {
                    Undone change = undo(entry, err);
                    if (change == Undone.PUT_BACK) {
                        putBack.add(entry.target());
                    } else if (change == Undone.REMOVED) {
                        removed.add(entry.target());
                    }
                }
                List<String> changes = new ArrayList<>();
                if (!putBack.isEmpty()) {
                    changes.add("put back the earlier " + putBack);
                }
                if (!removed.isEmpty()) {
                    changes.add("removed its new " + removed);
                }
                if (!changes.isEmpty()) {
                    err.println("Undid an interrupted run's partial write: " + String.join("; ", changes));
                }
            }
            for (Entry entry : entries) {
                Files.deleteIfExists(entry.temporary());
                if (!undone) {
                    // A finished write: its estimates are all in place.
                    Files.deleteIfExists(entry.backup());
                }
            }
            Files.delete(record);
        }
    }

    /** Returns whether the part, plan or done file of a write exists. */
    private static boolean hasRecord(Path folder, String id) {
        for (String kind : List.of("part", "plan", "done")) {
            if (Files.exists(record(folder, id, kind), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether the target is this write's estimate: the same file as its temporary file where
     * the file system has keys, and of the planned length and hash.
     */
    private static boolean isEstimate(Entry entry) throws IOException {
        Path target = entry.target();
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || Files.size(target) != entry.length()) {
            return false;
        }
        // The key separates this write's file from an identical estimate that another run wrote later.
        // NOTE: where the file system has no keys (Windows), only the hash is compared, which cannot.
        String key = fileKey(target);
        if (!entry.fileKey().equals("-") && !key.equals("-") && !key.equals(entry.fileKey())) {
            return false;
        }
        MessageDigest digest = newDigest();
        try (InputStream stream = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[8192];
            for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest()).equals(entry.sha256());
    }

    /**
     * Returns the plan's text: per target, its name, temporary name, backup name, length, hash,
     * whether it had an earlier result, and the temporary file's key.
     */
    private static String planText(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.target().getFileName()).append('/')
                    .append(entry.temporary().getFileName()).append('/')
                    .append(entry.backup().getFileName()).append('/')
                    .append(entry.length()).append('/')
                    .append(entry.sha256()).append('/')
                    .append(entry.hadEarlier() ? 1 : 0).append('/')
                    .append(entry.fileKey()).append('\n');
        }
        return text.toString();
    }

    /**
     * Reads a plan through its locked channel; another channel on the file would release the lock
     * when closed. NOTE: a target name with a line break makes its plan invalid, so a killed write
     * to it is not undone.
     */
    private static List<Entry> readPlan(Path folder, FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size()));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // Reads until the buffer is full.
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : new String(buffer.array(), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split("/");
            if (parts.length != 7) {
                throw new IOException("invalid plan line '" + line + "'");
            }
            entries.add(new Entry(folder.resolve(parts[0]), folder.resolve(parts[1]), folder.resolve(parts[2]),
                    Long.parseLong(parts[3]), parts[4], parts[5].equals("1"), parts[6]));
        }
        return entries;
    }

    /**
     * Makes {@code target} a name of {@code source} unless the target exists, and returns false if
     * it does. A hard link fails on an existing target, where a rename would replace it.
     *
     * @param keepSource whether the source name stays: a temporary file keeps its name until the
     *     write is done, so its file key cannot pass to another file while the plan names it
     */
    private static boolean linkIfAbsent(Path target, Path source, boolean keepSource) throws IOException {
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
        if (!keepSource) {
            Files.delete(source);
        }
        return true;
    }

    /** Returns the file system's key of a file (device and inode on Linux), or {@code -} if it has none. */
    static String fileKey(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return key == null ? "-" : key.toString().replace('/', '_').replace('\n', '_');
    }

    private static boolean isOlderThan(Path file, Duration age) {
        try {
            FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
            return modified.toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer is available in this Java runtime");
        }
        return bytes.toByteArray();
    }

    /** Returns the SHA-256 of the bytes in lowercase hexadecimal. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Returns the hidden file {@code .NAME.unstacker-ID.KIND} beside {@code target}. */
    static Path hidden(Path target, String id, String kind) {
        return target.toAbsolutePath().resolveSibling("." + target.getFileName() + MARK + id + "." + kind);
    }

    /** Returns the plan file {@code ..unstacker-ID.KIND} of a write in a folder; KIND is part, plan or done. */
    static Path record(Path folder, String id, String kind) {
        return folder.toAbsolutePath().resolve("." + MARK + id + "." + kind);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A file that cannot be removed is left; the error that ended the write is the one reported.
        }
    }
}
