package dev.unstacker.core.inference;

/**
 * The position of an input of another size in the model's image. The input is scaled to fit with
 * its aspect ratio kept, centred, and padded with black, which is the background after any
 * inversion.
 *
 * @param inputWidth the input's width
 * @param inputHeight the input's height
 * @param modelWidth the model's image width
 * @param modelHeight the model's image height
 * @param left the first column of the scaled input in the model's image
 * @param top the first row of the scaled input in the model's image
 * @param scaledWidth the scaled input's width, at most {@code modelWidth}
 * @param scaledHeight the scaled input's height, at most {@code modelHeight}
 */
record InputPlacement(
        int inputWidth,
        int inputHeight,
        int modelWidth,
        int modelHeight,
        int left,
        int top,
        int scaledWidth,
        int scaledHeight) {

    /** Scales the input by the largest factor that keeps it inside the model's image. */
    static InputPlacement fit(int inputWidth, int inputHeight, int modelWidth, int modelHeight) {
        double scale = Math.min((double) modelWidth / inputWidth, (double) modelHeight / inputHeight);
        int scaledWidth = (int) Math.max(1, Math.min(modelWidth, Math.round(inputWidth * scale)));
        int scaledHeight = (int) Math.max(1, Math.min(modelHeight, Math.round(inputHeight * scale)));
        return new InputPlacement(
                inputWidth,
                inputHeight,
                modelWidth,
                modelHeight,
                (modelWidth - scaledWidth) / 2,
                (modelHeight - scaledHeight) / 2,
                scaledWidth,
                scaledHeight);
    }

    /** Returns the input scaled and padded to the model's size; padding is 0. */
    float[] toModel(float[] input) {
        float[] scaled = Resampling.resize(input, inputWidth, inputHeight, scaledWidth, scaledHeight);
        if (scaledWidth == modelWidth && scaledHeight == modelHeight) {
            return scaled.clone();
        }
        float[] model = new float[modelWidth * modelHeight];
        for (int y = 0; y < scaledHeight; y++) {
            System.arraycopy(scaled, y * scaledWidth, model, (top + y) * modelWidth + left, scaledWidth);
        }
        return model;
    }

    /** Returns the region of a model-sized image that the input occupies, scaled to the input's size. */
    float[] toInput(float[] model) {
        float[] cropped = new float[scaledWidth * scaledHeight];
        for (int y = 0; y < scaledHeight; y++) {
            System.arraycopy(model, (top + y) * modelWidth + left, cropped, y * scaledWidth, scaledWidth);
        }
        return Resampling.resize(cropped, scaledWidth, scaledHeight, inputWidth, inputHeight);
    }
}
