package dev.unstacker.examples.separate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateFilesTest {

    private static long endedPid;

    /** Returns the id of a process that has ended, as a run killed with {@code kill -9} leaves it. */
    static long endedProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @BeforeAll
    static void endAProcess() throws Exception {
        endedPid = endedProcessId();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String tidy(Path folder) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EstimateFiles.tidyAfterEndedRuns(folder, new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writeLeavesOnlyTheEstimates(@TempDir Path folder) throws Exception {
        List<Path> targets = List.of(folder.resolve("a-1.png"), folder.resolve("a-2.png"));
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);

        EstimateFiles.write(targets, List.of(image, image), new PrintStream(new ByteArrayOutputStream()));

        assertThat(names(folder)).containsExactly("a-1.png", "a-2.png");
    }

    @Test
    void hiddenFilesNameThisProcess(@TempDir Path folder) throws Exception {
        Path hidden = EstimateFiles.newHiddenFile(folder.resolve("a-1.png"), ".tmp");
        assertThat(hidden.getFileName().toString())
                .startsWith(".a-1.png-" + ProcessHandle.current().pid() + "-")
                .endsWith(".tmp");
    }

    @Test
    void endedRunTemporaryFilesRemoved(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(".a-1.png-" + endedPid + "-k3x.tmp"), "half-written");

        String messages = tidy(folder);

        assertThat(names(folder)).isEmpty();
        assertThat(messages).isEmpty();
    }

    @Test
    void backupReturnsWhenTargetMissing(@TempDir Path folder) throws Exception {
        Path backup = folder.resolve(".shirt-2.png-" + endedPid + "-9zq.old");
        Files.writeString(backup, "earlier result");

        String messages = tidy(folder);

        assertThat(Files.readString(folder.resolve("shirt-2.png"))).isEqualTo("earlier result");
        assertThat(backup).doesNotExist();
        assertThat(messages).contains("Moved back " + folder.resolve("shirt-2.png"));
    }

    @Test
    void backupKeptBesideNewerResult(@TempDir Path folder) throws Exception {
        Path backup = folder.resolve(".a-1.png-" + endedPid + "-abc.old");
        Files.writeString(backup, "earlier result");
        Files.writeString(folder.resolve("a-1.png"), "newer result");

        String messages = tidy(folder);

        assertThat(Files.readString(backup)).isEqualTo("earlier result");
        assertThat(Files.readString(folder.resolve("a-1.png"))).isEqualTo("newer result");
        assertThat(messages).contains("Kept " + backup).contains("Delete or rename it once checked");
    }

    @Test
    void runningAndForeignFilesUntouched(@TempDir Path folder) throws Exception {
        long running = ProcessHandle.current().pid();
        List<String> kept = List.of(
                ".a-1.png-" + running + "-abc.tmp",
                ".a-2.png-" + running + "-abc.old",
                ".notes.txt",
                ".a-1.png-" + endedPid + "-abc.bak",
                ".photo.jpg-" + endedPid + "-abc.tmp",
                "a-3.png-" + endedPid + "-abc.tmp");
        for (String name : kept) {
            Files.writeString(folder.resolve(name), name);
        }

        String messages = tidy(folder);

        assertThat(names(folder)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(messages).isEmpty();
    }
}
