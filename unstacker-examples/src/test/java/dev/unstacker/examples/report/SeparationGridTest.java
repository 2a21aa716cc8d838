package dev.unstacker.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeparationGridTest {

    static final int HEIGHT = 3;
    static final int WIDTH = 4;
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover");

    @TempDir Path folder;

    /** Returns a 3×4 image whose pixel i is {@code offset + step·i}. */
    static float[] ramp(float offset, float step) {
        float[] pixels = new float[HEIGHT * WIDTH];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = offset + step * i;
        }
        return pixels;
    }

    static GridRow row(float[] mixture) {
        return new GridRow(
                mixture,
                List.of(ramp(0f, 0.08f), ramp(0.1f, 0.05f)),
                List.of(ramp(0.9f, -0.07f), ramp(0.05f, 0.06f)),
                new int[] {0, 2},
                new float[] {24.34f, 19.0f});
    }

    static int gray(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xff;
    }

    /** Returns the gray level of pixel (row, column) of a tile, checked over its 4×4 block. */
    static int tilePixel(BufferedImage image, int tileX, int tileY, int row, int column) {
        int scale = SeparationGrid.SCALE;
        int value = gray(image, tileX + column * scale, tileY + row * scale);
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                assertThat(gray(image, tileX + column * scale + dx, tileY + row * scale + dy))
                        .as("pixel (%d, %d) of block (%d, %d)", dx, dy, column, row)
                        .isEqualTo(value);
            }
        }
        return value;
    }

    BufferedImage writeAndRead(List<GridRow> rows) throws IOException {
        Path png = folder.resolve("separations.png");
        SeparationGrid.write(png, rows, HEIGHT, WIDTH, 2, CLASSES);
        return ImageIO.read(png.toFile());
    }

    @Nested
    class Layout {

        @Test
        void imageSizeFollowsRowsAndColumns() throws IOException {
            List<GridRow> rows = List.of(row(ramp(0, 0.05f)), row(ramp(0.2f, 0.05f)));
            BufferedImage image = writeAndRead(rows);

            SeparationGrid.Layout layout = SeparationGrid.Layout.of(HEIGHT, WIDTH, 2, 2);
            assertThat(image.getWidth()).isEqualTo(layout.imageWidth());
            assertThat(image.getHeight()).isEqualTo(layout.imageHeight());
            assertThat(layout.tileWidth()).isEqualTo(WIDTH * 4);
            assertThat(layout.columnX(1)).isGreaterThan(layout.columnX(0) + layout.tileWidth());
        }

        @Test
        void captionsDrawTextUnderTiles() throws IOException {
            BufferedImage image = writeAndRead(List.of(row(ramp(0, 0.05f))));

            SeparationGrid.Layout layout = SeparationGrid.Layout.of(HEIGHT, WIDTH, 2, 1);
            int captionTop = layout.rowY(0) + layout.tileHeight();
            int brightest = 0;
            for (int y = captionTop; y < captionTop + 20; y++) {
                for (int x = layout.columnX(3); x < layout.columnX(3) + layout.tileWidth(); x++) {
                    brightest = Math.max(brightest, gray(image, x, y));
                }
            }
            assertThat(brightest).isGreaterThan(200);
        }
    }

    @Nested
    class Pixels {

        @Test
        void mixtureTileIsUpscaledMixture() throws IOException {
            float[] mixture = ramp(0.01f, 0.083f);
            BufferedImage image = writeAndRead(List.of(row(mixture)));

            SeparationGrid.Layout layout = SeparationGrid.Layout.of(HEIGHT, WIDTH, 2, 1);
            int x = layout.columnX(0);
            int y = layout.rowY(0);
            for (int row = 0; row < HEIGHT; row++) {
                for (int column = 0; column < WIDTH; column++) {
                    int expected = Math.round(mixture[row * WIDTH + column] * 255);
                    assertThat(tilePixel(image, x, y, row, column)).isEqualTo(expected);
                }
            }
        }

        @Test
        void estimateTileFollowsSources() throws IOException {
            BufferedImage image = writeAndRead(List.of(row(ramp(0, 0.05f))));

            SeparationGrid.Layout layout = SeparationGrid.Layout.of(HEIGHT, WIDTH, 2, 1);
            int estimateX = layout.columnX(3);
            int y = layout.rowY(0);
            assertThat(tilePixel(image, estimateX, y, 0, 0)).isEqualTo(Math.round(0.9f * 255));
            float last = ramp(0.9f, -0.07f)[HEIGHT * WIDTH - 1];
            assertThat(tilePixel(image, estimateX, y, 2, 3)).isEqualTo(Math.round(last * 255));
        }

        @Test
        void valuesOutsideUnitRangeAreClamped() throws IOException {
            float[] mixture = ramp(0.5f, 0f);
            mixture[0] = 1.7f;
            mixture[1] = -0.3f;
            mixture[2] = Float.NaN;
            BufferedImage image = writeAndRead(List.of(row(mixture)));

            SeparationGrid.Layout layout = SeparationGrid.Layout.of(HEIGHT, WIDTH, 2, 1);
            int x = layout.columnX(0);
            int y = layout.rowY(0);
            assertThat(tilePixel(image, x, y, 0, 0)).isEqualTo(255);
            assertThat(tilePixel(image, x, y, 0, 1)).isEqualTo(0);
            assertThat(tilePixel(image, x, y, 0, 2)).isEqualTo(0);
            assertThat(tilePixel(image, x, y, 0, 3)).isEqualTo(128);
        }
    }

    @Nested
    class Captions {

        @Test
        void psnrHasOneDecimal() {
            assertThat(SeparationGrid.formatPsnr(24.34f)).isEqualTo("24.3 dB");
            assertThat(SeparationGrid.formatPsnr(Float.POSITIVE_INFINITY)).isEqualTo("∞ dB");
            assertThat(SeparationGrid.formatPsnr(Float.NaN)).isEqualTo("n/a");
        }
    }

    @Nested
    class Validation {

        @Test
        void wrongPixelCountIsRejected() {
            GridRow shortMixture = row(new float[5]);

            assertThatThrownBy(() -> writeAndRead(List.of(shortMixture)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Grid row 0: mixture has 5 pixels, expected height × width = 12.");
        }

        @Test
        void labelWithoutNameIsRejected() {
            GridRow row = new GridRow(
                    ramp(0, 0),
                    List.of(ramp(0, 0), ramp(0, 0)),
                    List.of(ramp(0, 0), ramp(0, 0)),
                    new int[] {0, 3},
                    new float[] {1, 1});

            assertThatThrownBy(() -> writeAndRead(List.of(row)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Grid row 0: source 2 has class label 3, but only 3 class names"
                            + " were given.");
        }

        @Test
        void rowWithMissingEstimateIsRejected() {
            assertThatThrownBy(() -> new GridRow(
                            ramp(0, 0),
                            List.of(ramp(0, 0), ramp(0, 0)),
                            List.of(ramp(0, 0)),
                            new int[] {0, 1},
                            new float[] {1, 1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 sources but 1 estimates");
        }

        @Test
        void emptyRowsAreRejected() {
            assertThatThrownBy(() -> writeAndRead(List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No grid rows were given. Pass at least one mixture.");
        }
    }

    @Nested
    class AtomicReplace {

        @Test
        void rewriteLeavesOnlyGrid() throws IOException {
            writeAndRead(List.of(row(ramp(0, 0.05f))));
            writeAndRead(List.of(row(ramp(0.3f, 0.01f))));

            assertThat(LossCurveChartTest.folderContents(folder))
                    .containsExactly(folder.resolve("separations.png"));
        }
    }
}
