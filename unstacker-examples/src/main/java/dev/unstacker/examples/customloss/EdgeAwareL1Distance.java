package dev.unstacker.examples.customloss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.unstacker.api.ImageDistance;

/**
 * A user-written distance: L1 on pixels plus a weighted L1 on horizontal and vertical differences
 * between neighbouring pixels, which penalizes blurred edges more than plain L1 does.
 *
 * <p>It only implements {@link ImageDistance}: the permutation-invariant wrapper, the assignment
 * search and the training loop come from the library.
 */
public final class EdgeAwareL1Distance implements ImageDistance {

    private final float edgeWeight;

    /**
     * Creates the distance.
     *
     * @param edgeWeight the weight of the edge term, at least 0; 0 gives plain L1
     */
    public EdgeAwareL1Distance(float edgeWeight) {
        if (!(edgeWeight >= 0) || Float.isInfinite(edgeWeight)) {
            throw new IllegalArgumentException("edgeWeight must be a finite value of at least 0, but was " + edgeWeight);
        }
        this.edgeWeight = edgeWeight;
    }

    @Override
    public NDArray compute(NDArray estimates, NDArray sources) {
        long images = estimates.getShape().get(0);
        NDArray difference = estimates.sub(sources);
        NDArray pixelTerm = difference.abs().reshape(images, -1).mean(new int[] {1});

        NDArray horizontal = difference.get(new NDIndex(":, :, :, 1:")).sub(difference.get(new NDIndex(":, :, :, :-1")));
        NDArray vertical = difference.get(new NDIndex(":, :, 1:, :")).sub(difference.get(new NDIndex(":, :, :-1, :")));
        NDArray edgeTerm = horizontal.abs().reshape(images, -1).mean(new int[] {1})
                .add(vertical.abs().reshape(images, -1).mean(new int[] {1}));
        return pixelTerm.add(edgeTerm.mul(edgeWeight));
    }

    @Override
    public String name() {
        return "edge-l1";
    }

    @Override
    public String toString() {
        return "EdgeAwareL1Distance[edgeWeight=" + edgeWeight + "]";
    }
}
