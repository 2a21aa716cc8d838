package dev.unstacker.core.inference;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.unstacker.api.InvalidImageException;
import dev.unstacker.core.engine.EngineSetup;

/** Converts a DJL image that wraps no AWT image, through its pixels as an NDArray. */
final class DjlImages {

    private DjlImages() {}

    static ImageInput convert(Image image, String name) {
        int width = image.getWidth();
        int height = image.getHeight();
        ImageInput.checkDimensions(name, width, height);

        float[] values;
        Shape shape;
        try (NDManager manager = EngineSetup.engine().newBaseManager()) {
            NDArray pixels = image.toNDArray(manager, Image.Flag.COLOR);
            shape = pixels.getShape();
            values = toFloats(pixels);
        }

        int channels = shape.dimension() == 2 ? 1 : (int) shape.get(shape.dimension() - 1);
        boolean layoutMatches = (shape.dimension() == 2 || shape.dimension() == 3)
                && shape.get(0) == height
                && shape.get(1) == width;
        if (!layoutMatches || (channels != 1 && channels != 3 && channels != 4)) {
            throw new InvalidImageException(
                    name + " gave pixels of shape " + shape + " for a " + width + "x" + height
                            + " image; expected (height, width, channels) with 1, 3 or 4 channels");
        }
        return fromInterleaved(name, width, height, channels, values);
    }

    /**
     * Returns the pixel values as floats. Bytes are read as unsigned, 0–255, also from an INT8 array,
     * which is what {@code NDManager.create(byte[])} makes.
     */
    private static float[] toFloats(NDArray pixels) {
        DataType type = pixels.getDataType();
        if (type != DataType.UINT8 && type != DataType.INT8) {
            return pixels.toType(DataType.FLOAT32, false).toFloatArray();
        }
        byte[] bytes = pixels.toByteArray();
        float[] values = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xff;
        }
        return values;
    }

    /** Converts interleaved 0–255 values with 1 (gray), 3 (RGB) or 4 (RGBA) channels per pixel. */
    private static ImageInput fromInterleaved(String name, int width, int height, int channels, float[] values) {
        int count = width * height;
        float[] gray = new float[count];
        float[] alpha = channels == 4 ? new float[count] : null;

        for (int i = 0; i < count; i++) {
            int base = i * channels;
            for (int c = 0; c < channels; c++) {
                if (!Float.isFinite(values[base + c])) {
                    throw new InvalidImageException(
                            name + " has the value " + values[base + c] + " at pixel " + i + ", channel " + c
                                    + "; pixel values must be finite numbers in 0-255");
                }
            }
            if (channels == 1) {
                gray[i] = GrayConversion.luma(values[base], values[base], values[base], 255);
            } else {
                gray[i] = GrayConversion.luma(values[base], values[base + 1], values[base + 2], 255);
            }
            if (alpha != null) {
                alpha[i] = Math.min(1f, Math.max(0f, values[base + 3] / 255f));
            }
        }
        return new ImageInput(name, width, height, gray, alpha);
    }
}
