package dev.unstacker.examples.separate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstacker.Unstacker;
import dev.unstacker.core.mix.MixtureProtocol;
import dev.unstacker.core.model.SeparatorConfig;
import dev.unstacker.core.train.TrainingSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeparateCommandTest {

    @TempDir
    static Path models;

    private static Path model;

    @BeforeAll
    static void trainSmallModel() throws Exception {
        model = models.resolve("tiny");
        try (Unstacker unstacker = Unstacker.builder()
                .optProtocol(MixtureProtocol.builder().optMixtures(700).build())
                .optModel(SeparatorConfig.defaults(2).withWidth(4).withBottleneckBlocks(1))
                .optTraining(TrainingSettings.builder().optEpochs(1).build())
                .train()) {
            unstacker.save(model);
        }
    }

    private static Path writeImage(Path folder, String name, int size) throws Exception {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(size / 2, size / 2, 0, 200);
        Path file = folder.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static List<String> fileNames(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    /** The exit status and the standard error of one run. */
    private record Outcome(int status, String errors) {}

    private static Outcome separate(String... args) throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = SeparateCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Outcome(status, stderr.toString(StandardCharsets.UTF_8));
    }

    private static Outcome launch(String... args) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = dev.unstacker.examples.Main.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Outcome(status, stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesSourcesAndNamesBadFiles(@TempDir Path work) throws Exception {
        Path shirt = writeImage(work, "shirt.png", 28);
        Path large = writeImage(work, "large.png", 64);
        Path broken = Files.writeString(work.resolve("broken.png"), "not an image");
        Path out = work.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = SeparateCommand.run(
                new String[] {"--model", model.toString(), "--out", out.toString(), shirt.toString(), broken.toString(),
                        large.toString(), "--size", "input"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Failed: Image file " + broken + " is not in an image format").contains("1 of 3 files failed");
        assertThat(ImageIO.read(out.resolve("shirt-1.png").toFile()).getWidth()).isEqualTo(28);
        assertThat(ImageIO.read(out.resolve("shirt-2.png").toFile())).isNotNull();
        assertThat(ImageIO.read(out.resolve("large-1.png").toFile()).getWidth()).isEqualTo(64);
        assertThat(out.resolve("broken-1.png")).doesNotExist();
    }

    @Test
    void repeatedNamesDoNotOverwriteEachOther(@TempDir Path work) throws Exception {
        Path first = writeImage(work, "a.png", 28);
        Path second = writeImage(java.nio.file.Files.createDirectories(work.resolve("sub")), "a.png", 28);
        Path out = work.resolve("out");
        int status = SeparateCommand.run(
                new String[] {"--model", model.toString(), "--out", out.toString(), first.toString(), second.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        assertThat(out.resolve("a-1.png")).exists();
        assertThat(out.resolve("a_2-1.png")).exists();
    }

    @Test
    void earlierEstimatesAreKeptUnlessOverwriteIsGiven(@TempDir Path work) throws Exception {
        Path image = writeImage(work, "a.png", 28);
        Path out = work.resolve("out");
        Files.createDirectories(out);
        byte[] earlier = "an earlier result".getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve("a-2.png"), earlier);

        Outcome withoutOverwrite = separate("--model", model.toString(), "--out", out.toString(), image.toString());

        assertThat(withoutOverwrite.status()).isEqualTo(1);
        assertThat(withoutOverwrite.errors()).contains("a-2.png already exists, so it was kept. Pass --overwrite to replace it");
        assertThat(Files.readAllBytes(out.resolve("a-2.png"))).isEqualTo(earlier);
        assertThat(out.resolve("a-1.png")).doesNotExist();

        Outcome replaced = separate("--overwrite", "--model", model.toString(), "--out", out.toString(), image.toString());

        assertThat(replaced.status()).isZero();
        assertThat(ImageIO.read(out.resolve("a-2.png").toFile())).isNotNull();
        assertThat(ImageIO.read(out.resolve("a-1.png").toFile())).isNotNull();
        assertThat(fileNames(out)).containsExactlyInAnyOrder("a-1.png", "a-2.png");
    }

    @Test
    void sixteenBitInputGivesSixteenBitEstimates(@TempDir Path work) throws Exception {
        BufferedImage deep = new BufferedImage(28, 28, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                deep.getRaster().setSample(x, y, 0, (x * 2311 + y * 977) % 65536);
            }
        }
        Path deepFile = work.resolve("deep.png");
        ImageIO.write(deep, "png", deepFile.toFile());
        Path shallowFile = writeImage(work, "shallow.png", 28);
        Path out = work.resolve("out");

        Outcome automatic = separate("--model", model.toString(), "--out", out.toString(), deepFile.toString(),
                shallowFile.toString());
        Outcome forced = separate("--depth", "16", "--model", model.toString(), "--out", work.resolve("forced").toString(),
                shallowFile.toString());

        assertThat(automatic.status()).isZero();
        assertThat(forced.status()).isZero();
        assertThat(sampleBits(out.resolve("deep-1.png"))).isEqualTo(16);
        assertThat(sampleBits(out.resolve("shallow-1.png"))).isEqualTo(8);
        assertThat(sampleBits(work.resolve("forced/shallow-1.png"))).isEqualTo(16);
        // The 16-bit estimate is the 8-bit one at finer steps.
        BufferedImage fine = ImageIO.read(work.resolve("forced/shallow-1.png").toFile());
        BufferedImage coarse = ImageIO.read(out.resolve("shallow-1.png").toFile());
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double fineValue = fine.getRaster().getSample(x, y, 0) / 65535.0;
                double coarseValue = coarse.getRaster().getSample(x, y, 0) / 255.0;
                assertThat(fineValue).isCloseTo(coarseValue, org.assertj.core.data.Offset.offset(0.5 / 255 + 1e-6));
            }
        }
    }

    private static int sampleBits(Path file) throws Exception {
        return ImageIO.read(file.toFile()).getSampleModel().getSampleSize(0);
    }

    @Test
    void invalidDepthNamesTheAcceptedValues() {
        Outcome outcome = launch("separate", "--depth", "12", "x.png");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errors()).contains("Invalid --depth '12'").contains("auto, 8, 16");
    }

    @Test
    void failedOverwriteKeepsEveryEarlierEstimate(@TempDir Path work) throws Exception {
        Path image = writeImage(work, "a.png", 28);
        Path out = Files.createDirectories(work.resolve("out"));
        byte[] earlier = "an earlier result".getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve("a-1.png"), earlier);
        Files.createDirectories(out.resolve("a-2.png"));

        Outcome outcome = separate("--overwrite", "--model", model.toString(), "--out", out.toString(), image.toString());

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.errors()).contains("a-2.png is a folder, so it was kept");
        assertThat(Files.readAllBytes(out.resolve("a-1.png"))).isEqualTo(earlier);
        assertThat(out.resolve("a-2.png")).isDirectory();
        assertThat(fileNames(out)).containsExactlyInAnyOrder("a-1.png", "a-2.png");
    }

    @Test
    void killedRunIsUndoneBeforeSeparating(@TempDir Path work) throws Exception {
        Path image = writeImage(work, "a.png", 28);
        Path out = Files.createDirectories(work.resolve("out"));
        EstimateFilesTest.interruptedOverwrite(out, "a", "earlier one", "earlier two");

        Outcome outcome = separate("--model", model.toString(), "--out", out.toString(), image.toString());

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.errors()).contains("Undid an interrupted run's partial write")
                .contains("a-1.png already exists, so it was kept");
        assertThat(Files.readString(out.resolve("a-1.png"))).isEqualTo("earlier one");
        assertThat(Files.readString(out.resolve("a-2.png"))).isEqualTo("earlier two");
        assertThat(fileNames(out)).containsExactlyInAnyOrder("a-1.png", "a-2.png");
    }

    @Test
    void symlinkedInputIsNotReplaced(@TempDir Path work) throws Exception {
        Path image = writeImage(work, "a.png", 28);
        Path out = Files.createDirectories(work.resolve("out"));
        Path laterInput = writeImage(out, "a-1.png", 28);
        byte[] before = Files.readAllBytes(laterInput);
        Path link = Files.createSymbolicLink(work.resolve("link"), out);

        Outcome outcome = separate("--overwrite", "--model", model.toString(), "--out", out.toString(), image.toString(),
                link.resolve("a-1.png").toString());

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.errors()).contains("a-1.png is also an input of this run, so it was kept");
        assertThat(Files.readAllBytes(laterInput)).isEqualTo(before);
    }

    @Test
    void estimateNeverReplacesAnInput(@TempDir Path work) throws Exception {
        Path image = writeImage(work, "a.png", 28);
        Path out = Files.createDirectories(work.resolve("out"));
        Path laterInput = writeImage(out, "a-1.png", 28);
        byte[] before = Files.readAllBytes(laterInput);

        Outcome outcome = separate("--overwrite", "--model", model.toString(), "--out", out.toString(), image.toString(),
                laterInput.toString());

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.errors()).contains("a-1.png is also an input of this run, so it was kept");
        assertThat(Files.readAllBytes(laterInput)).isEqualTo(before);
        assertThat(out.resolve("a-1-1.png")).exists();
    }

    @Test
    void pathWithoutFileNameFailsAlone(@TempDir Path work) throws Exception {
        Path image = writeImage(work, "a.png", 28);
        Path out = work.resolve("out");

        Outcome outcome = separate("--model", model.toString(), "--out", out.toString(), "/", image.toString());

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.errors()).contains("Failed: /: not an image file");
        assertThat(out.resolve("a-1.png")).exists();
    }

    @Test
    void missingModelIsOneLineError(@TempDir Path work) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = dev.unstacker.examples.Main.run(
                new String[] {"separate", "--model", work.resolve("absent").toString(), "x.png"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith("Error: No bundled model is named").doesNotContain("\tat ");
    }

    @Test
    void allGoodFilesGiveStatusZero(@TempDir Path work) throws Exception {
        Path image = writeImage(work, "a.png", 28);
        int status = SeparateCommand.run(
                new String[] {"--model", model.toString(), "--out", work.toString(), image.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
    }

    @Test
    void invalidBackgroundNamesTheAcceptedValues() {
        Outcome outcome = launch("separate", "--background", "purple", "x.png");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errors()).contains("Invalid --background 'purple'").contains("auto, dark, light");
    }
}
