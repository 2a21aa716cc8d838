package dev.unstacker.core.loss;

import ai.djl.ndarray.NDArray;
import dev.unstacker.api.ImageDistance;

/** Mean absolute pixel difference, the default distance. */
public final class L1Distance implements ImageDistance {

    @Override
    public NDArray compute(NDArray estimates, NDArray sources) {
        return PixelMeans.perImage(estimates.sub(sources).abs());
    }

    @Override
    public String name() {
        return "l1";
    }

    @Override
    public String toString() {
        return "L1Distance";
    }
}
