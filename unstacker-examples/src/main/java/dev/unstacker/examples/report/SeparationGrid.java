package dev.unstacker.examples.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A PNG grid of example separations: per row the mixture, the K true sources and the K estimates.
 *
 * <p>Each image is upscaled {@value #SCALE}× by repeating pixels, so a tile shows exactly the
 * values the model saw and produced. Column headers name the tiles. Under each source is its class
 * name and under each estimate its PSNR against the source.
 */
public final class SeparationGrid {

    /** Upscaling factor of every tile. */
    public static final int SCALE = 4;

    private static final int MARGIN = 8;
    private static final int GAP = 6;
    private static final int GROUP_GAP = 14;
    private static final int HEADER_HEIGHT = 24;
    private static final int CAPTION_HEIGHT = 20;
    private static final Color BACKGROUND = new Color(0x30, 0x30, 0x30);
    private static final Color TEXT = Color.WHITE;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private SeparationGrid() {}

    /**
     * Draws the rows and replaces {@code png} atomically. Pixel values outside [0, 1] are clamped,
     * and NaN is drawn black.
     *
     * @param png the file to write, whose folder is created if missing
     * @param rows the mixtures to show, at least one
     * @param height image height in pixels
     * @param width image width in pixels
     * @param sourceCount the number of sources K in every row
     * @param classNames class names indexed by the source labels
     * @throws IllegalArgumentException if a row does not match the sizes or a label has no name
     * @throws IOException if the file cannot be written
     */
    public static void write(
            Path png,
            List<GridRow> rows,
            int height,
            int width,
            int sourceCount,
            List<String> classNames)
            throws IOException {
        Objects.requireNonNull(png, "png");
        checkArguments(rows, height, width, sourceCount, classNames);

        Layout layout = Layout.of(height, width, sourceCount, rows.size());
        BufferedImage image =
                Canvas.filledImage(layout.imageWidth(), layout.imageHeight(), BACKGROUND);
        Graphics2D graphics = Canvas.textGraphics(image, FONT);
        try {
            graphics.setColor(TEXT);
            drawHeaders(graphics, layout);
            for (int row = 0; row < rows.size(); row++) {
                drawRow(image, graphics, layout, row, rows.get(row), height, width, classNames);
            }
        } finally {
            graphics.dispose();
        }
        Canvas.savePng(image, png);
    }

    private static void drawHeaders(Graphics2D graphics, Layout layout) {
        int tile = layout.tileWidth();
        Canvas.drawCentered(graphics, "mixture", layout.columnX(0), 0, tile, HEADER_HEIGHT);
        for (int k = 0; k < layout.sourceCount(); k++) {
            Canvas.drawCentered(
                    graphics, "source " + (k + 1), layout.columnX(1 + k), 0, tile, HEADER_HEIGHT);
            Canvas.drawCentered(
                    graphics,
                    "estimate " + (k + 1),
                    layout.columnX(1 + layout.sourceCount() + k),
                    0,
                    tile,
                    HEADER_HEIGHT);
        }
    }

    private static void drawRow(
            BufferedImage image,
            Graphics2D graphics,
            Layout layout,
            int rowIndex,
            GridRow row,
            int height,
            int width,
            List<String> classNames) {
        int y = layout.rowY(rowIndex);
        int captionY = y + layout.tileHeight();
        int tile = layout.tileWidth();
        int sources = layout.sourceCount();

        drawTile(image, row.mixture(), height, width, layout.columnX(0), y);
        for (int k = 0; k < sources; k++) {
            int sourceX = layout.columnX(1 + k);
            drawTile(image, row.sources().get(k), height, width, sourceX, y);
            String className = classNames.get(row.sourceLabels()[k]);
            Canvas.drawCentered(graphics, className, sourceX, captionY, tile, CAPTION_HEIGHT);

            int estimateX = layout.columnX(1 + sources + k);
            drawTile(image, row.estimates().get(k), height, width, estimateX, y);
            String psnr = formatPsnr(row.psnrDb()[k]);
            Canvas.drawCentered(graphics, psnr, estimateX, captionY, tile, CAPTION_HEIGHT);
        }
    }

    /** Draws one image upscaled by {@link #SCALE}, with its top-left corner at (x, y). */
    private static void drawTile(
            BufferedImage image, float[] pixels, int height, int width, int x, int y) {
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                int gray = toGray(pixels[row * width + column]);
                int rgb = (gray << 16) | (gray << 8) | gray;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        image.setRGB(x + column * SCALE + dx, y + row * SCALE + dy, rgb);
                    }
                }
            }
        }
    }

    /** Maps a pixel value to a gray level: round(v·255) after clamping v to [0, 1], NaN to 0. */
    static int toGray(float value) {
        if (Float.isNaN(value)) {
            return 0;
        }
        float clamped = Math.max(0f, Math.min(1f, value));
        return Math.round(clamped * 255f);
    }

    static String formatPsnr(float psnrDb) {
        if (Float.isNaN(psnrDb)) {
            return "n/a";
        }
        if (Float.isInfinite(psnrDb)) {
            return psnrDb > 0 ? "∞ dB" : "-∞ dB";
        }
        return String.format(Locale.ROOT, "%.1f dB", psnrDb);
    }

    private static void checkArguments(
            List<GridRow> rows, int height, int width, int sourceCount, List<String> classNames) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(classNames, "classNames");
        if (height <= 0 || width <= 0 || sourceCount <= 0) {
            throw new IllegalArgumentException(String.format(
                    "Image size %d×%d and source count %d must all be positive.",
                    height, width, sourceCount));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(
                    "No grid rows were given. Pass at least one mixture.");
        }
        for (int index = 0; index < rows.size(); index++) {
            checkRow(rows.get(index), index, height * width, sourceCount, classNames.size());
        }
    }

    private static void checkRow(GridRow row, int index, int pixels, int sourceCount, int classes) {
        if (row.sourceCount() != sourceCount) {
            throw new IllegalArgumentException(String.format(
                    "Grid row %d has %d sources, expected %d.",
                    index, row.sourceCount(), sourceCount));
        }
        checkLength(row.mixture(), pixels, "mixture", index);
        for (int k = 0; k < sourceCount; k++) {
            checkLength(row.sources().get(k), pixels, "source " + (k + 1), index);
            checkLength(row.estimates().get(k), pixels, "estimate " + (k + 1), index);
            int label = row.sourceLabels()[k];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(String.format(
                        "Grid row %d: source %d has class label %d, but only %d class names were"
                                + " given.",
                        index, k + 1, label, classes));
            }
        }
    }

    private static void checkLength(float[] image, int pixels, String name, int index) {
        if (image.length != pixels) {
            throw new IllegalArgumentException(String.format(
                    "Grid row %d: %s has %d pixels, expected height × width = %d.",
                    index, name, image.length, pixels));
        }
    }

    /** Pixel positions of the tiles: a mixture column, K source columns, K estimate columns. */
    record Layout(int tileHeight, int tileWidth, int sourceCount, int rowCount) {

        static Layout of(int height, int width, int sourceCount, int rowCount) {
            return new Layout(height * SCALE, width * SCALE, sourceCount, rowCount);
        }

        /** Returns the left edge of a column: 0 is the mixture, then sources, then estimates. */
        int columnX(int column) {
            int groupGaps = (column >= 1 ? 1 : 0) + (column >= 1 + sourceCount ? 1 : 0);
            return MARGIN + column * (tileWidth + GAP) + groupGaps * GROUP_GAP;
        }

        /** Returns the top edge of a row's tiles. */
        int rowY(int row) {
            return HEADER_HEIGHT + row * (tileHeight + CAPTION_HEIGHT + GAP);
        }

        int imageWidth() {
            return columnX(2 * sourceCount) + tileWidth + MARGIN;
        }

        int imageHeight() {
            return rowY(rowCount - 1) + tileHeight + CAPTION_HEIGHT + MARGIN;
        }
    }
}
