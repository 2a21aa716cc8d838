package dev.unstacker.core.inference;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/** Converts an AWT image of any type into gray and alpha values in [0, 1]. */
final class GrayConversion {

    /** BT.601 luma weights; they sum to 1, so a gray colour keeps its value. */
    static final double RED = 0.299;
    static final double GREEN = 0.587;
    static final double BLUE = 0.114;

    private GrayConversion() {}

    static ImageInput convert(BufferedImage image, String name) {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        float[] gray = new float[width * height];
        float[] alpha = model.hasAlpha() ? new float[width * height] : null;

        try {
            if (hasDirectSamples(model)) {
                readSamples(image, gray, alpha);
            } else {
                readRgb(image, gray, alpha);
            }
        } catch (RuntimeException e) {
            // Java2D throws index errors when samples exceed their colour model's range, for
            // example a float image with values above 1.
            throw new dev.unstacker.api.InvalidImageException(
                    name + " cannot be converted to gray: its samples do not fit its colour model ("
                            + e.getClass().getSimpleName() + "); use 8- or 16-bit samples, or float samples in [0, 1]",
                    e);
        }
        for (int i = 0; i < gray.length; i++) {
            if (!(gray[i] >= 0f && gray[i] <= 1f)) {
                throw new dev.unstacker.api.InvalidImageException(
                        name + " has a gray value of " + gray[i] + " at pixel " + i
                                + " after conversion; samples must map into [0, 1]");
            }
            if (alpha != null && !(alpha[i] >= 0f && alpha[i] <= 1f)) {
                throw new dev.unstacker.api.InvalidImageException(
                        name + " has an alpha value of " + alpha[i] + " at pixel " + i + "; alpha must be in [0, 1]");
            }
        }
        return new ImageInput(name, width, height, gray, alpha);
    }

    /**
     * Returns whether the samples are gray or sRGB values to read directly: integers of up to 16
     * bits, or floats, whose range is checked afterwards. {@code getRGB} would convert gray from
     * linear to sRGB, which changes every value between black and white, and would cut 16-bit and
     * float colour to 8 bits.
     */
    private static boolean hasDirectSamples(ColorModel model) {
        if (!(model instanceof ComponentColorModel)) {
            return false;
        }
        ColorSpace space = model.getColorSpace();
        if (space.getType() != ColorSpace.TYPE_GRAY && !space.isCS_sRGB()) {
            return false;
        }
        if (isFloat(model)) {
            return true;
        }
        int transferType = model.getTransferType();
        boolean integer = transferType == DataBuffer.TYPE_BYTE
                || transferType == DataBuffer.TYPE_USHORT
                || transferType == DataBuffer.TYPE_INT;
        int[] sizes = model.getComponentSize();
        for (int i = 0; i < sizes.length; i++) {
            integer &= sizes[i] <= 16 && (i >= model.getNumColorComponents() || sizes[i] == sizes[0]);
        }
        return integer;
    }

    private static boolean isFloat(ColorModel model) {
        return model.getTransferType() == DataBuffer.TYPE_FLOAT || model.getTransferType() == DataBuffer.TYPE_DOUBLE;
    }

    private static void readSamples(BufferedImage image, float[] gray, float[] alpha) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int colours = model.getNumColorComponents();
        float[][] bands = new float[colours][width];
        float[] alphaRow = new float[width];
        boolean floats = isFloat(model);
        double max = floats ? 1 : (1 << model.getComponentSize(0)) - 1;
        double alphaScale = alpha == null || floats ? 1 : (1 << model.getComponentSize(colours)) - 1;
        boolean premultiplied = model.isAlphaPremultiplied();

        for (int y = 0; y < image.getHeight(); y++) {
            int offset = y * width;
            for (int band = 0; band < colours; band++) {
                raster.getSamples(0, y, width, 1, band, bands[band]);
            }
            for (int x = 0; x < width; x++) {
                gray[offset + x] = colours == 1
                        ? (float) (bands[0][x] / max)
                        : (float) weightedLuma(bands[0][x], bands[1][x], bands[2][x], max);
            }
            if (alpha == null) {
                continue;
            }
            raster.getSamples(0, y, width, 1, colours, alphaRow);
            for (int x = 0; x < width; x++) {
                float a = (float) (alphaRow[x] / alphaScale);
                alpha[offset + x] = a;
                if (premultiplied && a > 0) {
                    gray[offset + x] = Math.min(1f, gray[offset + x] / a);
                }
            }
        }
    }

    /** Reads through {@code getRGB}, which applies the colour model, including an indexed one. */
    private static void readRgb(BufferedImage image, float[] gray, float[] alpha) {
        int width = image.getWidth();
        int[] row = new int[width];

        for (int y = 0; y < image.getHeight(); y++) {
            int offset = y * width;
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                gray[offset + x] = luma((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, 255);
                if (alpha != null) {
                    alpha[offset + x] = ((argb >>> 24) & 0xff) / 255f;
                }
            }
        }
    }

    /** Returns the BT.601 luma of a colour whose components range up to {@code max}, in [0, 1]. */
    static float luma(double red, double green, double blue, double max) {
        return (float) Math.min(1.0, Math.max(0.0, weightedLuma(red, green, blue, max)));
    }

    /** Returns the BT.601 luma without clamping, so out-of-range samples stay visible to the range check. */
    private static double weightedLuma(double red, double green, double blue, double max) {
        return (RED * red + GREEN * green + BLUE * blue) / max;
    }
}
