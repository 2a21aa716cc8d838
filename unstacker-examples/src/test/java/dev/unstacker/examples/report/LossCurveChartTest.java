package dev.unstacker.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstacker.api.EpochResult;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveChartTest {

    @TempDir Path folder;

    static List<EpochResult> history(int epochs) {
        return IntStream.rangeClosed(1, epochs)
                .mapToObj(e -> new EpochResult(e, 60.0 * e, 0.2 / e, 0.25 / e, 15 + e, 900))
                .toList();
    }

    static List<Path> folderContents(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    static boolean hasNonWhitePixel(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    return true;
                }
            }
        }
        return false;
    }

    @Nested
    class Size {

        @Test
        void oneEpochGives900By540() throws IOException {
            Path png = folder.resolve("loss-curve.png");

            LossCurveChart.write(history(1), png);

            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(540);
            assertThat(hasNonWhitePixel(image)).isTrue();
        }

        @Test
        void emptyHistoryStillWritesChart() throws IOException {
            Path png = folder.resolve("loss-curve.png");

            LossCurveChart.write(List.of(), png);

            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(900);
        }
    }

    @Nested
    class Series {

        @Test
        void repeatedEpochReplacesEarlierPoint() {
            List<EpochResult> resumed = List.of(
                    new EpochResult(1, 10, 0.3, 0.3, 10, 1),
                    new EpochResult(2, 20, 0.2, 0.2, 12, 1),
                    new EpochResult(2, 25, 0.1, 0.15, 13, 1));

            var dataset = LossCurveChart.createChart(resumed).getXYPlot().getDataset();

            assertThat(dataset.getSeriesCount()).isEqualTo(2);
            assertThat(dataset.getSeriesKey(0).toString()).isEqualTo("train loss");
            assertThat(dataset.getSeriesKey(1).toString()).isEqualTo("validation PIT-MAE");
            assertThat(dataset.getItemCount(0)).isEqualTo(2);
            assertThat(dataset.getYValue(0, 1)).isEqualTo(0.1);
            assertThat(dataset.getYValue(1, 1)).isEqualTo(0.15);
        }

        @Test
        void nanLossBecomesGap() {
            List<EpochResult> diverged = List.of(
                    new EpochResult(1, 10, 0.3, 0.3, 10, 1),
                    new EpochResult(2, 20, Double.NaN, 0.2, 12, 1));

            var dataset = LossCurveChart.createChart(diverged).getXYPlot().getDataset();

            assertThat(dataset.getY(0, 1)).isNull();
            assertThat(dataset.getYValue(1, 1)).isEqualTo(0.2);
        }
    }

    @Nested
    class AtomicReplace {

        @Test
        void rewriteLeavesOnlyChart() throws IOException {
            Path png = folder.resolve("loss-curve.png");

            LossCurveChart.write(history(1), png);
            LossCurveChart.write(history(3), png);

            assertThat(folderContents(folder)).containsExactly(png);
            assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
        }

        @Test
        void missingFolderIsCreated() throws IOException {
            Path png = folder.resolve("run/1/loss-curve.png");

            LossCurveChart.write(history(2), png);

            assertThat(png).isRegularFile();
        }
    }
}
