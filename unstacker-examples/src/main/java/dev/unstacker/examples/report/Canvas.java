package dev.unstacker.examples.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Shared Java2D steps of the PNG writers: a filled RGB image, centred text and atomic saving. */
final class Canvas {

    private Canvas() {}

    /** Creates an RGB image filled with {@code background}. */
    static BufferedImage filledImage(int width, int height, Color background) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(background);
            graphics.fillRect(0, 0, width, height);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /** Creates a graphics context on {@code image} that draws anti-aliased text. */
    static Graphics2D textGraphics(BufferedImage image, Font font) {
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(
                RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setFont(font);
        return graphics;
    }

    /**
     * Draws {@code text} centred in the box with top-left corner (x, y). Text wider than the box is
     * shortened and ends with an ellipsis.
     */
    static void drawCentered(
            Graphics2D graphics, String text, int x, int y, int width, int height) {
        FontMetrics metrics = graphics.getFontMetrics();
        String fitted = fit(text, metrics, width);
        int textX = x + (width - metrics.stringWidth(fitted)) / 2;
        int baseline = y + (height - metrics.getHeight()) / 2 + metrics.getAscent();
        graphics.drawString(fitted, textX, baseline);
    }

    /** Shortens {@code text} with a trailing ellipsis until it is at most {@code width} wide. */
    static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String shortened = text;
        while (!shortened.isEmpty() && metrics.stringWidth(shortened + "…") > width) {
            shortened = shortened.substring(0, shortened.length() - 1);
        }
        return shortened + "…";
    }

    /** Writes {@code image} as a PNG that replaces {@code png} atomically. */
    static void savePng(BufferedImage image, Path png) throws IOException {
        AtomicFiles.replace(png, file -> {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("No PNG writer is installed in this Java runtime.");
            }
        });
    }
}
