package dev.unstacker.examples.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Pixel positions in a {@link ClassPairHeatMap}: the title, class labels, the C×C grid, the colour
 * scale to its right and a note below.
 *
 * @param classes the number of classes C
 * @param labelSpace room in pixels for the longest class name, left of the grid and above it
 */
record HeatMapLayout(int classes, int labelSpace) {

    static final int CELL = 60;
    static final int MARGIN = 16;
    static final int LABEL_GAP = 8;
    static final int MAX_LABEL_SPACE = 180;
    static final int TITLE_HEIGHT = 40;
    static final int NOTE_HEIGHT = 28;
    static final int LEGEND_GAP = 28;
    static final int LEGEND_BAR_WIDTH = 18;
    static final int LEGEND_LABEL_WIDTH = 64;
    static final int MIN_WIDTH = 520;
    static final int OUTLINE_WIDTH = 3;

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color TEXT = new Color(0x20, 0x20, 0x20);
    static final Color NO_DATA = new Color(0xcc, 0xcc, 0xcc);
    static final Color SAME_CLASS_OUTLINE = new Color(0xe0, 0x1b, 0x24);

    /** Measures the class names in {@link #LABEL_FONT}, capped at {@link #MAX_LABEL_SPACE}. */
    static HeatMapLayout of(List<String> classNames) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = Canvas.textGraphics(scratch, LABEL_FONT);
        try {
            FontMetrics metrics = graphics.getFontMetrics();
            int widest = 0;
            for (String name : classNames) {
                widest = Math.max(widest, metrics.stringWidth(name));
            }
            return new HeatMapLayout(classNames.size(), Math.min(widest, MAX_LABEL_SPACE));
        } finally {
            graphics.dispose();
        }
    }

    int gridX() {
        return MARGIN + labelSpace + LABEL_GAP;
    }

    int gridY() {
        return TITLE_HEIGHT + labelSpace + LABEL_GAP;
    }

    int gridSize() {
        return classes * CELL;
    }

    int cellX(int column) {
        return gridX() + column * CELL;
    }

    int cellY(int row) {
        return gridY() + row * CELL;
    }

    int legendX() {
        return gridX() + gridSize() + LEGEND_GAP;
    }

    int noteY() {
        return gridY() + gridSize() + LABEL_GAP;
    }

    int imageWidth() {
        return Math.max(MIN_WIDTH, legendX() + LEGEND_BAR_WIDTH + LEGEND_LABEL_WIDTH + MARGIN);
    }

    int imageHeight() {
        return noteY() + NOTE_HEIGHT + MARGIN;
    }
}
