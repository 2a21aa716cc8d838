package dev.unstacker.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;

/** Small factories and helpers shared by the blocks of this package. */
final class Layers {

    /** The ε added to the variance by every batch normalization (DJL's default, stated here for folding). */
    static final float NORM_EPSILON = 1e-5f;

    private Layers() {}

    /** Returns a batch normalization over the channel axis with {@link #NORM_EPSILON}. */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(NORM_EPSILON).build();
    }

    /** Returns a 3×3 convolution with 1-pixel padding, so stride 1 keeps the size and 2 halves it. */
    static Conv2d conv3x3(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .optStride(new Shape(stride, stride))
                .setFilters(filters)
                .build();
    }

    /** Returns a 1×1 convolution. */
    static Conv2d conv1x1(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build();
    }

    /** Runs a single-input, single-output block. */
    static NDArray apply(Block block, ParameterStore store, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /**
     * Returns a mixture batch of shape {@code (N, 1, H, W)} as a channels-last view of the same
     * shape. PyTorch keeps that memory order through the convolutions, normalizations and
     * element-wise operations after it, and its CPU convolutions run faster in it. DJL 0.36.0 has no
     * memory-format call, so the order comes from a permuted view.
     */
    static NDArray channelsLast(NDArray mixture) {
        Shape shape = mixture.getShape();
        return mixture.reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1)).transpose(0, 3, 1, 2);
    }

    /**
     * Doubles the height and width of an NCHW array by nearest-neighbour repetition, because the
     * PyTorch engine of DJL 0.36.0 has no transposed convolution. The result keeps the memory order
     * that is asked for, so layers after it do not convert.
     */
    static NDArray upsample2x(NDArray x, boolean channelsLast) {
        Shape shape = x.getShape();
        long n = shape.get(0);
        long c = shape.get(1);
        long h = shape.get(2);
        long w = shape.get(3);
        if (!channelsLast) {
            // One broadcast and one copy; two repeat calls measured slower on the CPU engine.
            return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w);
        }
        // Views of the (N, H, W, C) memory; only the last reshape copies.
        return x.transpose(0, 2, 3, 1)
                .reshape(n, h, 1, w, 1, c)
                .broadcast(n, h, 2, w, 2, c)
                .reshape(n, 2 * h, 2 * w, c)
                .transpose(0, 3, 1, 2);
    }
}
