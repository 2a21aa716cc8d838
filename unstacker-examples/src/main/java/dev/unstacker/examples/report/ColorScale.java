package dev.unstacker.examples.report;

import java.awt.Color;

/**
 * A linear map from PSNR in decibels to a colour, dark purple for {@code min} through green to
 * yellow for {@code max}.
 *
 * <p>The five anchor colours are samples of matplotlib's viridis colour map at 0, ¼, ½, ¾ and 1,
 * whose lightness rises steadily, so brighter cells always mean higher PSNR.
 */
record ColorScale(double min, double max) {

    private static final Color[] ANCHORS = {
        new Color(0x44, 0x01, 0x54),
        new Color(0x3b, 0x52, 0x8b),
        new Color(0x21, 0x91, 0x8c),
        new Color(0x5e, 0xc9, 0x62),
        new Color(0xfd, 0xe7, 0x25),
    };

    /**
     * Spans the finite means of the cells that have mixtures. A single value is widened by half a
     * decibel each way, and a table without any gets the range [0, 1].
     */
    static ColorScale spanning(ClassPairTable table) {
        double[][] means = table.meanPsnrDb();
        long[][] counts = table.counts();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < means.length; a++) {
            for (int b = 0; b < means.length; b++) {
                if (counts[a][b] > 0 && Double.isFinite(means[a][b])) {
                    min = Math.min(min, means[a][b]);
                    max = Math.max(max, means[a][b]);
                }
            }
        }
        if (min > max) {
            return new ColorScale(0, 1);
        }
        if (min == max) {
            return new ColorScale(min - 0.5, max + 0.5);
        }
        return new ColorScale(min, max);
    }

    Color colorOf(double value) {
        return colorAt((value - min) / (max - min));
    }

    double valueAt(double fraction) {
        return min + fraction * (max - min);
    }

    /** Interpolates between the anchors after clamping {@code fraction} to [0, 1]. */
    static Color colorAt(double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        double position = clamped * (ANCHORS.length - 1);
        int lower = Math.min((int) position, ANCHORS.length - 2);
        double t = position - lower;
        Color from = ANCHORS[lower];
        Color to = ANCHORS[lower + 1];
        return new Color(
                mix(from.getRed(), to.getRed(), t),
                mix(from.getGreen(), to.getGreen(), t),
                mix(from.getBlue(), to.getBlue(), t));
    }

    /** Returns black on light colours and white on dark ones, judged by Rec. 709 luma weights. */
    static Color textColorOn(Color background) {
        double luminance = 0.2126 * background.getRed()
                + 0.7152 * background.getGreen()
                + 0.0722 * background.getBlue();
        return luminance > 140 ? Color.BLACK : Color.WHITE;
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }
}
