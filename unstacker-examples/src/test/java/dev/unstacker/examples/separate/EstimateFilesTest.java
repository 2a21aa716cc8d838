package dev.unstacker.examples.separate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateFilesTest {

    private static String endedMarker;

    /** Returns the id of a process that has ended, as a run killed with {@code kill -9} leaves it. */
    static long endedProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @BeforeAll
    static void endAProcess() throws Exception {
        endedMarker = EstimateFiles.marker(endedProcessId(), 5_000, "k3x");
    }

    /**
     * Leaves {@code NAME-1.png} as a killed {@code --overwrite} run does between its first and second
     * estimate: the earlier first result set aside and the new one in place, the earlier second
     * result not yet touched. Returns the marker of that run.
     */
    static String interruptedOverwrite(Path folder, String name, String earlierFirst, String earlierSecond)
            throws Exception {
        String marker = EstimateFiles.marker(endedProcessId(), 5_000, "r4n");
        Path first = folder.resolve(name + "-1.png");
        Path second = folder.resolve(name + "-2.png");
        Files.writeString(EstimateFiles.hidden(first, marker, "old"), earlierFirst);
        Files.writeString(first, "new estimate");
        Files.writeString(EstimateFiles.hidden(second, marker, "tmp"), "new estimate");
        Files.writeString(second, earlierSecond);
        writePlan(folder, marker, "plan", first, second);
        return marker;
    }

    private static void writePlan(Path folder, String marker, String kind, Path... targets) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Path target : targets) {
            text.append(target.getFileName()).append('/')
                    .append(EstimateFiles.hidden(target, marker, "tmp").getFileName()).append('/')
                    .append(EstimateFiles.hidden(target, marker, "old").getFileName()).append('\n');
        }
        Files.writeString(EstimateFiles.hidden(targets[0], marker, kind), text);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String tidy(Path folder) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EstimateFiles.tidyAfterEndedRuns(folder, new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writeLeavesOnlyTheEstimates(@TempDir Path folder) throws Exception {
        List<Path> targets = List.of(folder.resolve("a-1.png"), folder.resolve("a-2.png"));
        Files.writeString(targets.get(0), "earlier");
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);

        EstimateFiles.write(targets, List.of(image, image), new PrintStream(new ByteArrayOutputStream()));

        assertThat(names(folder)).containsExactly("a-1.png", "a-2.png");
        assertThat(ImageIO.read(targets.get(0).toFile())).isNotNull();
    }

    @Test
    void markerNamesThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        assertThat(EstimateFiles.newMarker()).startsWith(".unstacker-" + self.pid() + "-" + start + "-");
    }

    @Test
    void endedRunTemporaryFilesRemoved(@TempDir Path folder) throws Exception {
        Files.writeString(EstimateFiles.hidden(folder.resolve("a-1.png"), endedMarker, "tmp"), "half-written");

        String messages = tidy(folder);

        assertThat(names(folder)).isEmpty();
        assertThat(messages).isEmpty();
    }

    @Test
    void interruptedOverwriteIsUndone(@TempDir Path folder) throws Exception {
        interruptedOverwrite(folder, "shirt", "earlier one", "earlier two");

        String messages = tidy(folder);

        assertThat(names(folder)).containsExactly("shirt-1.png", "shirt-2.png");
        assertThat(Files.readString(folder.resolve("shirt-1.png"))).isEqualTo("earlier one");
        assertThat(Files.readString(folder.resolve("shirt-2.png"))).isEqualTo("earlier two");
        assertThat(messages).contains("Undid an interrupted run's partial write");
    }

    @Test
    void interruptedFirstWriteIsRemoved(@TempDir Path folder) throws Exception {
        Path first = folder.resolve("a-1.png");
        Path second = folder.resolve("a-2.png");
        Files.writeString(first, "new estimate");
        Files.writeString(EstimateFiles.hidden(second, endedMarker, "tmp"), "new estimate");
        writePlan(folder, endedMarker, "plan", first, second);

        tidy(folder);

        assertThat(names(folder)).isEmpty();
    }

    @Test
    void killBetweenLinkAndDeleteIsUndone(@TempDir Path folder) throws Exception {
        Path first = folder.resolve("a-1.png");
        Path temporary = EstimateFiles.hidden(first, endedMarker, "tmp");
        Files.writeString(temporary, "new estimate");
        Files.createLink(first, temporary);
        writePlan(folder, endedMarker, "plan", first);

        tidy(folder);

        assertThat(names(folder)).isEmpty();
    }

    @Test
    void completedWriteLosesItsBackups(@TempDir Path folder) throws Exception {
        Path first = folder.resolve("a-1.png");
        Files.writeString(first, "new estimate");
        Files.writeString(EstimateFiles.hidden(first, endedMarker, "old"), "earlier");
        writePlan(folder, endedMarker, "done", first);

        tidy(folder);

        assertThat(names(folder)).containsExactly("a-1.png");
        assertThat(Files.readString(first)).isEqualTo("new estimate");
    }

    @Test
    void runningAndForeignFilesUntouched(@TempDir Path folder) throws Exception {
        String running = EstimateFiles.newMarker();
        Path target = folder.resolve("a-1.png");
        List<Path> kept = List.of(
                EstimateFiles.hidden(target, running, "tmp"),
                EstimateFiles.hidden(target, running, "old"),
                EstimateFiles.hidden(target, running, "plan"),
                folder.resolve(".notes.txt"),
                folder.resolve(".a-1.png-123-abc.tmp"),
                folder.resolve(".scan.png-2024-draft.tmp"),
                folder.resolve("a-1.png" + endedMarker + ".tmp"));
        for (Path file : kept) {
            Files.writeString(file, "kept");
        }

        String messages = tidy(folder);

        assertThat(names(folder)).containsExactlyInAnyOrderElementsOf(
                kept.stream().map(f -> f.getFileName().toString()).toList());
        assertThat(messages).isEmpty();
    }

    @Test
    void sameIdWithOtherStartHasEnded() {
        String self = Long.toString(ProcessHandle.current().pid());
        assertThat(EstimateFiles.hasEnded(self, "1000")).isTrue();
        long start = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        assertThat(EstimateFiles.hasEnded(self, Long.toString(start))).isFalse();
    }

    @Test
    void unreadablePlanIsNamedAndKept(@TempDir Path folder) throws Exception {
        Path plan = EstimateFiles.hidden(folder.resolve("a-1.png"), endedMarker, "plan");
        Files.writeString(plan, "not a plan\n");

        String messages = tidy(folder);

        assertThat(plan).exists();
        assertThat(messages).contains("Warning: could not undo the interrupted write recorded in " + plan);
    }
}
