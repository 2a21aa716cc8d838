package dev.unstacker.examples.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) {
        return DataCommand.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Samples {

        @Test
        void writesSamplesAndPrintsSplitSizes() throws Exception {
            int status = run("--out", temp.toString(), "--seed", "3");

            Path file = temp.resolve("samples.png");
            assertThat(status).isZero();
            assertThat(file).isRegularFile();
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).isNotNull();
            // 3 columns (mixture and two sources) and 8 rows of 112-pixel cells with 8-pixel gaps and 20-pixel captions.
            assertThat(image.getWidth()).isEqualTo(8 + 3 * (112 + 8));
            assertThat(image.getHeight()).isEqualTo(8 + 20 + 8 * (112 + 20 + 8));
            assertThat(output()).contains("train 16000, validation 2000, test 2000");
            assertThat(output()).containsPattern("built the mixtures \\(seed 3\\) in \\d+ ms");
        }

        @Test
        void backgroundIsBlackAndCaptionsAreWhite() throws Exception {
            run("--out", temp.toString());

            BufferedImage image = ImageIO.read(temp.resolve("samples.png").toFile());
            assertThat(image.getRGB(0, 0) & 0xFFFFFF).isZero();
            boolean whiteInFirstCaption = false;
            for (int x = 128; x < 240 && !whiteInFirstCaption; x++) {
                for (int y = 140; y < 160; y++) {
                    whiteInFirstCaption |= (image.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
                }
            }
            assertThat(whiteInFirstCaption).as("white text under the first source").isTrue();
        }
    }

    @Nested
    class Options {

        @Test
        void invalidSeedIsRejected() {
            assertThat(run("--seed", "many")).isEqualTo(2);
        }

        @Test
        void unknownOptionIsRejected() {
            assertThat(run("--colour")).isEqualTo(2);
        }

        @Test
        void helpPrintsUsage() {
            assertThat(run("--help")).isZero();
            assertThat(output()).contains("Usage: ./unstacker data [--data DIR] [--seed N] [--out DIR]");
        }

        @Test
        void missingDataFolderFallsBackToSearch() throws Exception {
            Path empty = Files.createDirectory(temp.resolve("empty"));

            assertThat(run("--data", empty.toString(), "--out", temp.toString())).isZero();
            assertThat(output()).doesNotContain("directory argument");
        }
    }
}
