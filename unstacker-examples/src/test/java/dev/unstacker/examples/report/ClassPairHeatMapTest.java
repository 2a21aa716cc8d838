package dev.unstacker.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPairHeatMapTest {

    static final List<String> CLASSES = List.of("Shirt", "Sneaker", "<script>Bag");

    @TempDir Path folder;

    /**
     * Five mixtures over three classes: two Shirt + Shirt (10 and 12 dB), Shirt + Sneaker in both
     * orders (20 and 24 dB) and one Sneaker + Bag (30 dB). Bag + Bag and Shirt + Bag have none.
     */
    static ClassPairTable sample() {
        int[] first = {0, 0, 0, 1, 1};
        int[] second = {0, 0, 1, 0, 2};
        float[] psnr = {10, 12, 20, 24, 30};
        return ClassPairHeatMap.tabulate(first, second, psnr, 3);
    }

    @Nested
    class Tabulate {

        @Test
        void meansAreSymmetric() {
            double[][] means = sample().meanPsnrDb();

            assertThat(means[0][0]).isEqualTo(11.0);
            assertThat(means[0][1]).isEqualTo(22.0);
            assertThat(means[1][0]).isEqualTo(22.0);
            assertThat(means[1][2]).isEqualTo(30.0);
            assertThat(means[2][1]).isEqualTo(30.0);
            assertThat(means[2][2]).isNaN();
            assertThat(means[0][2]).isNaN();
        }

        @Test
        void countsMixturesOncePerCell() {
            long[][] counts = sample().counts();

            assertThat(counts[0]).containsExactly(2, 2, 0);
            assertThat(counts[1]).containsExactly(2, 0, 1);
            assertThat(counts[2]).containsExactly(0, 1, 0);
        }

        @Test
        void sameAndDifferentClassMeansWeighMixtures() {
            ClassPairTable table = sample();

            assertThat(table.sameClassMean()).isEqualTo(11.0);
            assertThat(table.differentClassMean()).isCloseTo((20 + 24 + 30) / 3.0, within(1e-9));
        }

        @Test
        void hardestPairsComeLowestFirst() {
            List<ClassPair> hardest = sample().hardest(2);

            assertThat(hardest).containsExactly(
                    new ClassPair(0, 0, 11.0, 2), new ClassPair(0, 1, 22.0, 2));
            assertThat(hardest.get(0).sameClass()).isTrue();
            assertThat(sample().hardest(10)).hasSize(3);
        }

        @Test
        void noSameClassMixturesGiveNaN() {
            ClassPairTable table = ClassPairHeatMap.tabulate(
                    new int[] {0}, new int[] {1}, new float[] {5}, 2);

            assertThat(table.sameClassMean()).isNaN();
            assertThat(table.differentClassMean()).isEqualTo(5.0);
        }

        @Test
        void labelOutsideClassesIsRejected() {
            assertThatThrownBy(() -> ClassPairHeatMap.tabulate(
                            new int[] {0, 3}, new int[] {1, 1}, new float[] {5, 6}, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Mixture 1 has class label 3, outside [0, 3).");
        }

        @Test
        void infinitePsnrIsRejected() {
            assertThatThrownBy(() -> ClassPairHeatMap.tabulate(
                            new int[] {0}, new int[] {1}, new float[] {Float.POSITIVE_INFINITY}, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("PSNR of mixture 0 is Infinity");
        }
    }

    @Nested
    class Table {

        @Test
        void asymmetricCountsAreRejected() {
            double[][] means = {{1, 2}, {2, 1}};
            long[][] counts = {{1, 2}, {3, 1}};

            assertThatThrownBy(() -> new ClassPairTable(means, counts))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Class pair table is not symmetric at (0, 1)");
        }

        @Test
        void accessorsReturnCopies() {
            ClassPairTable table = sample();

            table.counts()[0][0] = 99;
            table.meanPsnrDb()[0][0] = 99;

            assertThat(table.counts()[0][0]).isEqualTo(2);
            assertThat(table.meanPsnrDb()[0][0]).isEqualTo(11.0);
        }
    }

    @Nested
    class Image {

        BufferedImage writeSample() throws IOException {
            Path png = folder.resolve("class-pair-psnr.png");
            ClassPairTable table = sample();
            ClassPairHeatMap.write(png, table.meanPsnrDb(), table.counts(), CLASSES);
            return ImageIO.read(png.toFile());
        }

        /** Returns a pixel near the top-right corner of a cell, clear of its text and outline. */
        Color cellColor(BufferedImage image, HeatMapLayout layout, int row, int column) {
            int x = layout.cellX(column) + HeatMapLayout.CELL - 10;
            int y = layout.cellY(row) + 10;
            return new Color(image.getRGB(x, y));
        }

        @Test
        void sizeFollowsLayout() throws IOException {
            BufferedImage image = writeSample();

            HeatMapLayout layout = HeatMapLayout.of(CLASSES);
            assertThat(image.getWidth()).isEqualTo(layout.imageWidth());
            assertThat(image.getHeight()).isEqualTo(layout.imageHeight());
        }

        @Test
        void emptyCellIsGrey() throws IOException {
            BufferedImage image = writeSample();

            HeatMapLayout layout = HeatMapLayout.of(CLASSES);
            assertThat(cellColor(image, layout, 0, 2)).isEqualTo(HeatMapLayout.NO_DATA);
            assertThat(cellColor(image, layout, 2, 2)).isEqualTo(HeatMapLayout.NO_DATA);
        }

        @Test
        void cellsUseScaleEnds() throws IOException {
            BufferedImage image = writeSample();

            HeatMapLayout layout = HeatMapLayout.of(CLASSES);
            assertThat(cellColor(image, layout, 1, 2)).isEqualTo(ColorScale.colorAt(1));
            assertThat(cellColor(image, layout, 0, 1)).isEqualTo(cellColor(image, layout, 1, 0));
        }

        @Test
        void diagonalHasOutline() throws IOException {
            BufferedImage image = writeSample();

            HeatMapLayout layout = HeatMapLayout.of(CLASSES);
            int edgeX = layout.cellX(0) + 2;
            int offDiagonalEdgeX = layout.cellX(1) + 2;
            int middleY = layout.cellY(0) + HeatMapLayout.CELL / 2;
            assertThat(new Color(image.getRGB(edgeX, middleY)))
                    .isEqualTo(HeatMapLayout.SAME_CLASS_OUTLINE);
            assertThat(new Color(image.getRGB(offDiagonalEdgeX, middleY)))
                    .isNotEqualTo(HeatMapLayout.SAME_CLASS_OUTLINE);
        }

        @Test
        void wrongNameCountIsRejected() {
            Path png = folder.resolve("class-pair-psnr.png");

            assertThatThrownBy(() -> ClassPairHeatMap.write(png, sample(), List.of("Shirt")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Got 1 class names for a 3×3 class pair table.");
        }

        @Test
        void rewriteLeavesOnlyHeatMap() throws IOException {
            writeSample();
            writeSample();

            assertThat(LossCurveChartTest.folderContents(folder))
                    .containsExactly(folder.resolve("class-pair-psnr.png"));
        }
    }
}
