package dev.unstacker.examples.separate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateFilesTest {

    private static final String NEW = "new estimate";

    /**
     * One planned target: its name, whether it had an earlier result, and the file whose key the
     * plan records as the temporary file's (null for a file system without keys).
     */
    private record Planned(String name, boolean hadEarlier, Path identity) {}

    /** Writes the plan of a write whose process has ended: its lock is free. */
    private static Path plan(Path folder, String id, String kind, Planned... targets) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] estimate = NEW.getBytes(StandardCharsets.UTF_8);
        for (Planned planned : targets) {
            Path target = folder.resolve(planned.name());
            text.append(planned.name()).append('/')
                    .append(EstimateFiles.hidden(target, id, "tmp").getFileName()).append('/')
                    .append(EstimateFiles.hidden(target, id, "old").getFileName()).append('/')
                    .append(estimate.length).append('/')
                    .append(EstimateFiles.sha256(estimate)).append('/')
                    .append(planned.hadEarlier() ? 1 : 0).append('/')
                    .append(planned.identity() == null ? "-" : EstimateFiles.fileKey(planned.identity())).append('\n');
        }
        return Files.writeString(EstimateFiles.record(folder, id, kind), text);
    }

    /**
     * Leaves {@code NAME-1.png} and {@code NAME-2.png} as a killed {@code --overwrite} run does
     * between its two estimates: the earlier first result set aside and the new one in place, the
     * earlier second result not yet touched.
     */
    static void interruptedOverwrite(Path folder, String name, String earlierFirst, String earlierSecond)
            throws IOException {
        Path first = folder.resolve(name + "-1.png");
        Path second = folder.resolve(name + "-2.png");
        Files.writeString(EstimateFiles.hidden(first, "r4n", "old"), earlierFirst);
        Files.writeString(first, NEW);
        Path secondTemporary = Files.writeString(EstimateFiles.hidden(second, "r4n", "tmp"), NEW);
        Files.writeString(second, earlierSecond);
        plan(folder, "r4n", "plan", new Planned(name + "-1.png", true, first),
                new Planned(name + "-2.png", true, secondTemporary));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String tidy(Path folder) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EstimateFiles.tidyAfterEndedRuns(folder, new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<BufferedImage> images(int count) {
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        return java.util.Collections.nCopies(count, image);
    }

    @Test
    void overwriteLeavesOnlyTheEstimates(@TempDir Path folder) throws Exception {
        List<Path> targets = List.of(folder.resolve("a-1.png"), folder.resolve("a-2.png"));
        Files.writeString(targets.get(0), "earlier");

        EstimateFiles.write(targets, images(2), true, new PrintStream(new ByteArrayOutputStream()));

        assertThat(names(folder)).containsExactly("a-1.png", "a-2.png");
        assertThat(ImageIO.read(targets.get(0).toFile())).isNotNull();
    }

    @Test
    void fileThatAppearedIsKeptWithoutOverwrite(@TempDir Path folder) throws Exception {
        List<Path> targets = List.of(folder.resolve("a-1.png"), folder.resolve("a-2.png"));
        Files.writeString(targets.get(1), "the user's file");

        assertThatThrownBy(() -> EstimateFiles.write(targets, images(2), false, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a-2.png appeared while this run was writing its estimates, so it was kept");

        assertThat(names(folder)).containsExactly("a-2.png");
        assertThat(Files.readString(targets.get(1))).isEqualTo("the user's file");
    }

    @Test
    void oldLeftoverTemporaryFilesRemoved(@TempDir Path folder) throws Exception {
        Path old = Files.writeString(EstimateFiles.hidden(folder.resolve("a-1.png"), "k3x", "tmp"), "half-written");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(EstimateFiles.LEFTOVER_AGE).minusSeconds(60)));
        Path recent = Files.writeString(EstimateFiles.hidden(folder.resolve("b-1.png"), "w8t", "tmp"), "being written");

        String messages = tidy(folder);

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(messages).isEmpty();
    }

    @Test
    void interruptedOverwriteIsUndone(@TempDir Path folder) throws Exception {
        interruptedOverwrite(folder, "shirt", "earlier one", "earlier two");

        String messages = tidy(folder);

        assertThat(names(folder)).containsExactly("shirt-1.png", "shirt-2.png");
        assertThat(Files.readString(folder.resolve("shirt-1.png"))).isEqualTo("earlier one");
        assertThat(Files.readString(folder.resolve("shirt-2.png"))).isEqualTo("earlier two");
        assertThat(messages).contains("Undid an interrupted run's partial write")
                .contains("put back the earlier [" + folder.resolve("shirt-1.png") + "]");
    }

    @Test
    void undoingTwiceChangesNothing(@TempDir Path folder) throws Exception {
        interruptedOverwrite(folder, "shirt", "earlier one", "earlier two");
        Path plan = EstimateFiles.record(folder, "r4n", "plan");
        String text = Files.readString(plan);
        tidy(folder);
        // As if the run that undid it was killed before removing the plan.
        Files.writeString(plan, text);

        tidy(folder);

        assertThat(names(folder)).containsExactly("shirt-1.png", "shirt-2.png");
        assertThat(Files.readString(folder.resolve("shirt-1.png"))).isEqualTo("earlier one");
        assertThat(Files.readString(folder.resolve("shirt-2.png"))).isEqualTo("earlier two");
    }

    @Test
    void missingTemporaryLeavesEarlierResult(@TempDir Path folder) throws Exception {
        // The JVM's exit hook removed the temporary file before the earlier result was set aside.
        Files.writeString(folder.resolve("a-1.png"), "earlier");
        plan(folder, "t1m", "plan", new Planned("a-1.png", true, null));

        tidy(folder);

        assertThat(names(folder)).containsExactly("a-1.png");
        assertThat(Files.readString(folder.resolve("a-1.png"))).isEqualTo("earlier");
    }

    @Test
    void identicalEarlierResultIsKept(@TempDir Path folder) throws Exception {
        // A rerun makes the same bytes; before it set the earlier result aside, that result is the user's.
        Files.writeString(folder.resolve("a-1.png"), NEW);
        plan(folder, "s4m", "plan", new Planned("a-1.png", true, folder.resolve("a-1.png")));

        tidy(folder);

        assertThat(names(folder)).containsExactly("a-1.png");
    }

    @Test
    void interruptedFirstWriteIsRemoved(@TempDir Path folder) throws Exception {
        Path first = Files.writeString(folder.resolve("a-1.png"), NEW);
        Path secondTemporary = Files.writeString(EstimateFiles.hidden(folder.resolve("a-2.png"), "f1r", "tmp"), NEW);
        plan(folder, "f1r", "plan", new Planned("a-1.png", false, first), new Planned("a-2.png", false, secondTemporary));

        String messages = tidy(folder);

        assertThat(names(folder)).isEmpty();
        assertThat(messages).contains("Undid an interrupted run's partial write: removed its new [" + first + "]")
                .doesNotContain("put back");
    }

    @Test
    void newerFileOfAnotherRunIsKept(@TempDir Path folder) throws Exception {
        Path backup = EstimateFiles.hidden(folder.resolve("a-1.png"), "n3w", "old");
        Files.writeString(backup, "earlier");
        Files.writeString(folder.resolve("a-1.png"), "another run's estimate");
        plan(folder, "n3w", "plan", new Planned("a-1.png", true, null));

        String messages = tidy(folder);

        assertThat(Files.readString(folder.resolve("a-1.png"))).isEqualTo("another run's estimate");
        assertThat(Files.readString(backup)).isEqualTo("earlier");
        assertThat(messages).contains("Kept the earlier " + folder.resolve("a-1.png") + " as " + backup);
        assertThat(tidy(folder)).isEmpty();
    }

    @Test
    void sameBytesFromALaterRunAreKept(@TempDir Path folder) throws Exception {
        // The killed run had written its temporary files only; a later run of the same input wrote identical bytes.
        Path killedTemporary = Files.writeString(EstimateFiles.hidden(folder.resolve("a-1.png"), "s8m", "tmp"), NEW);
        Path backup = Files.writeString(EstimateFiles.hidden(folder.resolve("a-2.png"), "s8m", "old"), "earlier");
        Path killedSecond = Files.writeString(folder.resolve(".spare"), NEW);
        Files.writeString(folder.resolve("a-1.png"), NEW);
        Files.writeString(folder.resolve("a-2.png"), NEW);
        plan(folder, "s8m", "plan", new Planned("a-1.png", false, killedTemporary),
                new Planned("a-2.png", true, killedSecond));

        tidy(folder);

        assertThat(Files.readString(folder.resolve("a-1.png"))).isEqualTo(NEW);
        assertThat(Files.readString(folder.resolve("a-2.png"))).isEqualTo(NEW);
        assertThat(backup).exists();
    }

    @Test
    void completedWriteLosesItsBackups(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("a-1.png"), NEW);
        Files.writeString(EstimateFiles.hidden(folder.resolve("a-1.png"), "d0n", "old"), "earlier");
        plan(folder, "d0n", "done", new Planned("a-1.png", true, folder.resolve("a-1.png")));

        tidy(folder);

        assertThat(names(folder)).containsExactly("a-1.png");
        assertThat(Files.readString(folder.resolve("a-1.png"))).isEqualTo(NEW);
    }

    @Test
    void lockedPlanOfARunningWriteIsLeftAlone(@TempDir Path folder) throws Exception {
        interruptedOverwrite(folder, "a", "earlier one", "earlier two");
        List<String> before = names(folder);
        Path plan = EstimateFiles.record(folder, "r4n", "plan");

        try (FileChannel channel = FileChannel.open(plan, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.lock();
            String messages = tidy(folder);

            assertThat(names(folder)).isEqualTo(before);
            assertThat(messages).isEmpty();
        }
    }

    @Test
    void foreignHiddenFilesUntouched(@TempDir Path folder) throws Exception {
        List<String> foreign = List.of(".notes.txt", ".a-1.png-123-abc.tmp", ".scan.png-2024-draft.tmp",
                "a-1.png.unstacker-abc.tmp", ".a-1.png.unstacker-ABC.tmp", ".notes.unstacker-abc.part",
                ".a-1.png.unstacker-abc.plan", ".notes.txt.unstacker-abc.tmp");
        for (String name : foreign) {
            Files.writeString(folder.resolve(name), name);
        }

        String messages = tidy(folder);

        assertThat(names(folder)).containsExactlyInAnyOrderElementsOf(foreign);
        assertThat(messages).isEmpty();
    }

    @Test
    void recentPartIsLeftAndOldPartRemoved(@TempDir Path folder) throws Exception {
        Path recent = Files.writeString(EstimateFiles.record(folder, "n0w", "part"), "");
        Path old = Files.writeString(EstimateFiles.record(folder, "0ld", "part"), "");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(EstimateFiles.LEFTOVER_AGE).minusSeconds(60)));

        tidy(folder);

        assertThat(recent).exists();
        assertThat(old).doesNotExist();
    }

    @Test
    void invalidPlanIsNamedAndKept(@TempDir Path folder) throws Exception {
        Path plan = Files.writeString(EstimateFiles.record(folder, "b4d", "plan"), "not a plan\n");

        String messages = tidy(folder);

        assertThat(plan).exists();
        assertThat(messages).contains("Warning: could not handle " + plan);
    }
}
