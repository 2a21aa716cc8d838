package dev.unstacker.examples.data;

import dev.unstacker.core.data.FashionMnist;
import dev.unstacker.core.mix.MixtureDataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * A picture of sample mixtures: one row per mixture, showing the mixture and then each source with
 * its class name underneath, white on black, each image enlarged {@value #SCALE}× without smoothing.
 */
final class SampleGrid {

    /** Enlargement of every image, nearest neighbour. */
    static final int SCALE = 4;

    /** Space around and between cells, in pixels. */
    static final int PADDING = 8;

    /** Height of the column titles and of the class name under each image, in pixels. */
    static final int CAPTION_HEIGHT = 20;

    private SampleGrid() {}

    /**
     * Returns the picture size for {@code rows} mixtures of {@code sources} sources of
     * {@code imageHeight}×{@code imageWidth} images.
     *
     * @return {width, height} in pixels
     */
    static int[] size(int rows, int sources, int imageHeight, int imageWidth) {
        int width = PADDING + (1 + sources) * (imageWidth * SCALE + PADDING);
        int height = PADDING + CAPTION_HEIGHT + rows * (imageHeight * SCALE + CAPTION_HEIGHT + PADDING);
        return new int[] {width, height};
    }

    /**
     * Draws the first {@code rows} mixtures of a dataset.
     *
     * @param dataset the mixtures
     * @param rows how many mixtures to show, at most the dataset's size
     * @return the picture
     */
    static BufferedImage render(MixtureDataset dataset, int rows) {
        int sources = dataset.sourceCount();
        int cellWidth = dataset.imageWidth() * SCALE;
        int cellHeight = dataset.imageHeight() * SCALE;
        int[] size = size(rows, sources, dataset.imageHeight(), dataset.imageWidth());
        BufferedImage canvas = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, size[0], size[1]);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.WHITE);

            for (int column = 0; column <= sources; column++) {
                String title = column == 0 ? "mixture" : "source " + column;
                caption(g, title, PADDING + column * (cellWidth + PADDING), PADDING, cellWidth);
            }
            for (int row = 0; row < rows; row++) {
                drawRow(g, dataset, row, PADDING + CAPTION_HEIGHT + row * (cellHeight + CAPTION_HEIGHT + PADDING));
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Draws mixture {@code row} and its sources, with class names, in the band whose top is at {@code y}. */
    private static void drawRow(Graphics2D g, MixtureDataset dataset, int row, int y) {
        int imageHeight = dataset.imageHeight();
        int imageWidth = dataset.imageWidth();
        int cellWidth = imageWidth * SCALE;
        int cellHeight = imageHeight * SCALE;
        int pixels = imageHeight * imageWidth;
        float[] mixture = new float[pixels];
        float[] sources = new float[dataset.sourceCount() * pixels];
        dataset.mixtureInto(row, mixture, 0);
        dataset.sourcesInto(row, sources, 0);
        int[] labels = dataset.sourceLabels(row);

        g.drawImage(gray(mixture, 0, imageHeight, imageWidth), PADDING, y, cellWidth, cellHeight, null);
        for (int k = 0; k < labels.length; k++) {
            int x = PADDING + (k + 1) * (cellWidth + PADDING);
            g.drawImage(gray(sources, k * pixels, imageHeight, imageWidth), x, y, cellWidth, cellHeight, null);
            caption(g, FashionMnist.className(labels[k]), x, y + cellHeight, cellWidth);
        }
    }

    /** Writes {@code text} centred in a caption band of width {@code width} whose top is at {@code y}. */
    private static void caption(Graphics2D g, String text, int x, int y, int width) {
        FontMetrics metrics = g.getFontMetrics();
        int textX = x + Math.max(0, (width - metrics.stringWidth(text)) / 2);
        int baseline = y + (CAPTION_HEIGHT + metrics.getAscent() - metrics.getDescent()) / 2;
        g.drawString(text, textX, baseline);
    }

    /** Converts [0, 1] values to an 8-bit grayscale image. */
    private static BufferedImage gray(float[] values, int offset, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                float value = values[offset + row * width + column];
                raster.setSample(column, row, 0, Math.round(Math.min(1f, Math.max(0f, value)) * 255));
            }
        }
        return image;
    }
}
