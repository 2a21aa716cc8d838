package dev.unstacker.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A PNG heat map of mean test PSNR by the classes of the two sources of each mixture.
 *
 * <p>Rows and columns are classes, each cell prints its mean in decibels, and a scale on the right
 * maps colour to PSNR. Same-class pairs on the diagonal have a red outline, so they can be compared
 * with the pairs of two different classes at a glance. Cells without mixtures are grey and read
 * "n/a".
 */
public final class ClassPairHeatMap {

    private static final String TITLE = "Mean test PSNR by source class pair (dB)";
    private static final String NOTE = "red outline: same-class pairs · grey: no test mixtures";

    private ClassPairHeatMap() {}

    /**
     * Computes the symmetric mean PSNR and count matrices from one entry per two-source mixture.
     *
     * @param labelA class index of each mixture's first source
     * @param labelB class index of each mixture's second source
     * @param pairPsnr each mixture's PSNR in decibels, averaged over its two estimates
     * @param classes the number of classes C
     * @throws IllegalArgumentException if the arrays differ in length, a label is outside [0, C) or
     *     a PSNR is NaN or infinite
     */
    public static ClassPairTable tabulate(
            int[] labelA, int[] labelB, float[] pairPsnr, int classes) {
        if (labelA.length != labelB.length || labelA.length != pairPsnr.length) {
            throw new IllegalArgumentException(String.format(
                    "Got %d first labels, %d second labels and %d PSNR values. Pass one of each"
                            + " per mixture.",
                    labelA.length, labelB.length, pairPsnr.length));
        }
        if (classes <= 0) {
            throw new IllegalArgumentException(
                    "Class count must be positive, got " + classes + ".");
        }

        double[][] sums = new double[classes][classes];
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < labelA.length; i++) {
            int a = checkLabel(labelA[i], i, classes);
            int b = checkLabel(labelB[i], i, classes);
            if (!Float.isFinite(pairPsnr[i])) {
                throw new IllegalArgumentException(String.format(
                        "PSNR of mixture %d is %s. Cap PSNR at a finite maximum before tabulating.",
                        i, pairPsnr[i]));
            }
            sums[a][b] += pairPsnr[i];
            counts[a][b]++;
            if (a != b) {
                sums[b][a] += pairPsnr[i];
                counts[b][a]++;
            }
        }

        double[][] means = new double[classes][classes];
        for (int a = 0; a < classes; a++) {
            for (int b = 0; b < classes; b++) {
                means[a][b] = counts[a][b] == 0 ? Double.NaN : sums[a][b] / counts[a][b];
            }
        }
        return new ClassPairTable(means, counts);
    }

    private static int checkLabel(int label, int mixture, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(String.format(
                    "Mixture %d has class label %d, outside [0, %d).", mixture, label, classes));
        }
        return label;
    }

    /**
     * Draws the heat map of a C×C table and replaces {@code png} atomically.
     *
     * @param png the file to write, whose folder is created if missing
     * @param meanPsnrDb symmetric C×C mean PSNR in decibels
     * @param counts symmetric C×C mixture counts, where a count of 0 is drawn as "n/a"
     * @param classNames C class names labelling the rows and columns
     * @throws IllegalArgumentException if the matrices are not symmetric C×C or there are not C
     *     class names
     * @throws IOException if the file cannot be written
     */
    public static void write(
            Path png, double[][] meanPsnrDb, long[][] counts, List<String> classNames)
            throws IOException {
        write(png, new ClassPairTable(meanPsnrDb, counts), classNames);
    }

    /**
     * Draws the heat map of {@code table} and replaces {@code png} atomically.
     *
     * @throws IllegalArgumentException if there is not one class name per class of the table
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, ClassPairTable table, List<String> classNames)
            throws IOException {
        Objects.requireNonNull(png, "png");
        if (classNames.size() != table.classes()) {
            throw new IllegalArgumentException(String.format(
                    "Got %d class names for a %d×%d class pair table.",
                    classNames.size(), table.classes(), table.classes()));
        }

        HeatMapLayout layout = HeatMapLayout.of(classNames);
        ColorScale scale = ColorScale.spanning(table);
        BufferedImage image =
                Canvas.filledImage(layout.imageWidth(), layout.imageHeight(), Color.WHITE);
        Graphics2D graphics = Canvas.textGraphics(image, HeatMapLayout.LABEL_FONT);
        try {
            drawTitleAndNote(graphics, layout);
            drawLabels(graphics, layout, classNames);
            drawCells(graphics, layout, table, scale);
            drawLegend(graphics, layout, scale);
        } finally {
            graphics.dispose();
        }
        Canvas.savePng(image, png);
    }

    private static void drawTitleAndNote(Graphics2D graphics, HeatMapLayout layout) {
        graphics.setColor(HeatMapLayout.TEXT);
        graphics.setFont(HeatMapLayout.TITLE_FONT);
        Canvas.drawCentered(graphics, TITLE, 0, 0, layout.imageWidth(), HeatMapLayout.TITLE_HEIGHT);
        graphics.setFont(HeatMapLayout.LABEL_FONT);
        Canvas.drawCentered(
                graphics, NOTE, 0, layout.noteY(), layout.imageWidth(), HeatMapLayout.NOTE_HEIGHT);
    }

    /** Draws row names right-aligned left of the grid and column names upright above it. */
    private static void drawLabels(
            Graphics2D graphics, HeatMapLayout layout, List<String> classNames) {
        graphics.setColor(HeatMapLayout.TEXT);
        FontMetrics metrics = graphics.getFontMetrics();
        int cell = HeatMapLayout.CELL;
        int centerToBaseline = (metrics.getAscent() - metrics.getDescent()) / 2;
        for (int c = 0; c < classNames.size(); c++) {
            String name = Canvas.fit(classNames.get(c), metrics, layout.labelSpace());
            int rowBaseline = layout.cellY(c) + cell / 2 + centerToBaseline;
            int rowX = layout.gridX() - HeatMapLayout.LABEL_GAP - metrics.stringWidth(name);
            graphics.drawString(name, rowX, rowBaseline);

            // Rotated a quarter turn counter-clockwise, the text runs upwards from its baseline
            // point and the glyphs extend to the left of it by the ascent.
            AffineTransform saved = graphics.getTransform();
            int columnX = layout.cellX(c) + cell / 2 + centerToBaseline;
            graphics.translate(columnX, layout.gridY() - HeatMapLayout.LABEL_GAP);
            graphics.rotate(-Math.PI / 2);
            graphics.drawString(name, 0, 0);
            graphics.setTransform(saved);
        }
    }

    private static void drawCells(
            Graphics2D graphics, HeatMapLayout layout, ClassPairTable table, ColorScale scale) {
        double[][] means = table.meanPsnrDb();
        long[][] counts = table.counts();
        int cell = HeatMapLayout.CELL;
        graphics.setFont(HeatMapLayout.CELL_FONT);
        for (int a = 0; a < table.classes(); a++) {
            for (int b = 0; b < table.classes(); b++) {
                int x = layout.cellX(b);
                int y = layout.cellY(a);
                boolean empty = counts[a][b] == 0 || !Double.isFinite(means[a][b]);
                Color fill = empty ? HeatMapLayout.NO_DATA : scale.colorOf(means[a][b]);
                graphics.setColor(fill);
                // The one-pixel white border between cells keeps neighbours of equal colour apart.
                graphics.fillRect(x + 1, y + 1, cell - 2, cell - 2);

                graphics.setColor(empty ? HeatMapLayout.TEXT : ColorScale.textColorOn(fill));
                String text = empty ? "n/a" : String.format(Locale.ROOT, "%.1f", means[a][b]);
                Canvas.drawCentered(graphics, text, x, y, cell, cell);

                if (a == b) {
                    graphics.setColor(HeatMapLayout.SAME_CLASS_OUTLINE);
                    graphics.setStroke(new BasicStroke(HeatMapLayout.OUTLINE_WIDTH));
                    int inset = 1 + HeatMapLayout.OUTLINE_WIDTH / 2;
                    int side = cell - 2 * inset - 1;
                    graphics.drawRect(x + inset, y + inset, side, side);
                }
            }
        }
        graphics.setFont(HeatMapLayout.LABEL_FONT);
    }

    /** Draws a vertical colour bar beside the grid, highest PSNR at the top, with five ticks. */
    private static void drawLegend(Graphics2D graphics, HeatMapLayout layout, ColorScale scale) {
        int x = layout.legendX();
        int top = layout.gridY();
        int height = layout.gridSize();
        for (int dy = 0; dy < height; dy++) {
            double fraction = 1.0 - dy / (double) Math.max(1, height - 1);
            graphics.setColor(ColorScale.colorAt(fraction));
            graphics.fillRect(x, top + dy, HeatMapLayout.LEGEND_BAR_WIDTH, 1);
        }

        graphics.setColor(HeatMapLayout.TEXT);
        FontMetrics metrics = graphics.getFontMetrics();
        graphics.drawString("dB", x, top - metrics.getDescent() - 4);
        int centerToBaseline = (metrics.getAscent() - metrics.getDescent()) / 2;
        int ticks = 5;
        for (int t = 0; t < ticks; t++) {
            double fraction = t / (double) (ticks - 1);
            int y = top + (int) Math.round((1.0 - fraction) * (height - 1));
            int tickX = x + HeatMapLayout.LEGEND_BAR_WIDTH;
            graphics.drawLine(tickX, y, tickX + 4, y);
            String label = String.format(Locale.ROOT, "%.1f", scale.valueAt(fraction));
            graphics.drawString(label, tickX + 7, y + centerToBaseline);
        }
    }
}
