package dev.unstacker.core.loss;

import ai.djl.ndarray.NDArray;
import dev.unstacker.api.ImageDistance;

/** Mean squared pixel difference. */
public final class L2Distance implements ImageDistance {

    @Override
    public NDArray compute(NDArray estimates, NDArray sources) {
        NDArray difference = estimates.sub(sources);
        return PixelMeans.perImage(difference.mul(difference));
    }

    @Override
    public String name() {
        return "l2";
    }

    @Override
    public String toString() {
        return "L2Distance";
    }
}
