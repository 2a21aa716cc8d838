package dev.unstacker.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Two 3×3 convolutions with batch normalization and an identity shortcut: relu(x + f(x)). */
final class ResidualBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Conv2d firstConv;
    private final BatchNorm firstNorm;
    private final Conv2d secondConv;
    private final BatchNorm secondNorm;

    ResidualBlock(int channels) {
        super(VERSION);
        firstConv = addChildBlock("conv1", Layers.conv3x3(channels, 1));
        firstNorm = addChildBlock("norm1", Layers.batchNorm());
        secondConv = addChildBlock("conv2", Layers.conv3x3(channels, 1));
        secondNorm = addChildBlock("norm2", Layers.batchNorm());
    }

    /** Returns the first convolution, for folding. */
    Conv2d firstConv() {
        return firstConv;
    }

    /** Returns the normalization after the first convolution, for folding. */
    BatchNorm firstNorm() {
        return firstNorm;
    }

    /** Returns the second convolution, for folding. */
    Conv2d secondConv() {
        return secondConv;
    }

    /** Returns the normalization after the second convolution, for folding. */
    BatchNorm secondNorm() {
        return secondNorm;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray h = Layers.apply(firstConv, store, x, training);
        h = Activation.relu(Layers.apply(firstNorm, store, h, training));
        h = Layers.apply(secondConv, store, h, training);
        h = Layers.apply(secondNorm, store, h, training);
        return new NDList(Activation.relu(h.add(x)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : children.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
