package dev.unstacker.core.inference;

import dev.unstacker.api.Separation;
import java.util.ArrayList;
import java.util.List;

/**
 * An input made ready for the network, with what is needed to map its estimates back: transparency
 * composited, a light background inverted, and the result fitted into the model's image size.
 */
final class PreparedInput {

    private final ImageInput input;
    private final boolean inverted;
    private final float[] flattened;
    private final InputPlacement placement;
    private final float[] modelPixels;

    private PreparedInput(ImageInput input, boolean inverted, int modelWidth, int modelHeight) {
        this.input = input;
        this.inverted = inverted;
        this.flattened = flatten(input, inverted);
        this.placement = InputPlacement.fit(input.width(), input.height(), modelWidth, modelHeight);
        this.modelPixels = placement.toModel(flattened);
    }

    static PreparedInput prepare(ImageInput input, Background background, int modelWidth, int modelHeight) {
        boolean light = BackgroundRule.resolve(background, input) == Background.LIGHT;
        return new PreparedInput(input, light, modelWidth, modelHeight);
    }

    /** Returns the mixture that the network receives: model-sized, dark background, values in [0, 1]. */
    float[] modelPixels() {
        return modelPixels;
    }

    /** Returns whether the input was inverted because its background is light. */
    boolean inverted() {
        return inverted;
    }

    /**
     * Maps the network's estimates back to the input's background and to the requested size, and
     * measures the mixture error there against the input.
     *
     * @param estimates K model-sized estimates, one after another, already clamped to [0, 1]
     */
    Separation finish(float[] estimates, int sources, float[] weights, OutputSize size) {
        int modelArea = placement.modelWidth() * placement.modelHeight();
        boolean atInput = size == OutputSize.INPUT;
        List<float[]> results = new ArrayList<>(sources);
        for (int k = 0; k < sources; k++) {
            float[] estimate = new float[modelArea];
            System.arraycopy(estimates, k * modelArea, estimate, 0, modelArea);
            float[] sized = atInput ? placement.toInput(estimate) : estimate;
            results.add(invertIf(inverted, sized));
        }

        float[] mixture = invertIf(inverted, atInput ? flattened : modelPixels);
        int width = atInput ? input.width() : placement.modelWidth();
        int height = atInput ? input.height() : placement.modelHeight();
        return Separations.build(mixture, results, weights, width, height);
    }

    /**
     * Composites transparency over the background and inverts a light one, so the result has a
     * dark background: {@code a·v} for a dark background, {@code a·(1 − v)} for a light one.
     */
    private static float[] flatten(ImageInput input, boolean invert) {
        float[] gray = input.grayView();
        float[] alpha = input.alphaView();
        float[] flat = new float[gray.length];
        for (int i = 0; i < gray.length; i++) {
            float value = invert ? 1f - gray[i] : gray[i];
            flat[i] = alpha == null ? value : alpha[i] * value;
        }
        return flat;
    }

    /** Returns {@code 1 − v} for every value when {@code invert} is set, otherwise the array itself. */
    private static float[] invertIf(boolean invert, float[] values) {
        if (!invert) {
            return values;
        }
        float[] inverted = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            inverted[i] = 1f - values[i];
        }
        return inverted;
    }
}
