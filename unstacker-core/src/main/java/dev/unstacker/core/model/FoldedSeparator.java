package dev.unstacker.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The inference form of a {@link SeparatorNet}: the same function, with each batch normalization
 * folded into the convolution before it.
 *
 * <p>In inference, a batch normalization is the per-channel affine map
 * {@code y ↦ γ·(y − μ)/√(σ² + ε) + β}, so after a convolution with weight {@code W} and bias
 * {@code b} it can be merged into a single convolution with weight {@code s·W} and bias
 * {@code s·(b − μ) + β}, where {@code s = γ/√(σ² + ε)}. This removes twelve operations from
 * each forward pass of the default network, and DJL's per-block bookkeeping with them. The output
 * mode is applied to the estimates on the Java heap, which replaces about twenty more.
 *
 * <p>The block has no parameters: its arrays are copies, owned by the manager it was built with and
 * freed with it. It only runs inference, so a forward pass with {@code training} set is rejected.
 */
public final class FoldedSeparator extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Shape NO_DILATION = new Shape(1, 1);

    private final SeparatorConfig config;
    private final Map<Stage, List<Convolution>> stages = new EnumMap<>(Stage.class);

    FoldedSeparator(SeparatorNet net, NDManager manager) {
        super(VERSION);
        this.config = net.config();
        for (Stage stage : Stage.values()) {
            List<Convolution> convolutions = new ArrayList<>();
            collect(net.stageBlock(stage), manager, convolutions);
            stages.put(stage, convolutions);
        }
    }

    /**
     * Returns the settings of the network this block was folded from.
     *
     * @return the settings
     */
    public SeparatorConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (training) {
            throw new IllegalStateException("A folded separator only runs inference; train the SeparatorNet instead");
        }
        NDArray mixture = inputs.singletonOrThrow();
        NDArray raw = SeparatorNet.run(mixture, this::apply, true);
        Shape shape = raw.getShape();
        float[] estimates = raw.toFloatArray();
        MixtureConsistency.apply(config, estimates, mixture.toFloatArray(), (int) (shape.get(2) * shape.get(3)));
        return new NDList(mixture.getManager().create(estimates, shape));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return SeparatorNet.outputShapes(config, inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Nothing to initialize: every array was folded from an initialized network.
    }

    /** Runs one stage: a plain convolution, or residual blocks made of folded convolution pairs. */
    private NDArray apply(Stage stage, NDArray input) {
        List<Convolution> convolutions = stages.get(stage);
        if (convolutions.size() == 1) {
            return convolutions.get(0).apply(input);
        }
        NDArray x = input;
        for (int i = 0; i < convolutions.size(); i += 2) {
            NDArray h = Activation.relu(convolutions.get(i).apply(x));
            x = Activation.relu(convolutions.get(i + 1).apply(h).add(x));
        }
        return x;
    }

    /** Adds the convolutions of a block in forward order, folding each residual block's norms. */
    private static void collect(Block block, NDManager manager, List<Convolution> out) {
        if (block instanceof Conv2d conv) {
            out.add(Convolution.plain(conv, manager));
        } else if (block instanceof ResidualBlock residual) {
            out.add(Convolution.folded(residual.firstConv(), residual.firstNorm(), manager));
            out.add(Convolution.folded(residual.secondConv(), residual.secondNorm(), manager));
        } else {
            for (Block child : block.getChildren().values()) {
                collect(child, manager, out);
            }
        }
    }

    /** A convolution's weight and bias, with the settings needed to run it. */
    private record Convolution(NDArray weight, NDArray bias, Shape stride, Shape padding) {

        static Convolution plain(Conv2d conv, NDManager manager) {
            NDArray weight = parameter(conv, "weight");
            NDArray bias = parameter(conv, "bias");
            return new Convolution(
                    manager.create(weight.toFloatArray(), weight.getShape()),
                    manager.create(bias.toFloatArray(), bias.getShape()),
                    conv.getStride(),
                    conv.getPadding());
        }

        /** Folds the norm into the convolution on the Java heap, so no temporary native array is left. */
        static Convolution folded(Conv2d conv, BatchNorm norm, NDManager manager) {
            NDArray weightArray = parameter(conv, "weight");
            float[] weight = weightArray.toFloatArray();
            float[] bias = parameter(conv, "bias").toFloatArray();
            float[] gamma = parameter(norm, "gamma").toFloatArray();
            float[] beta = parameter(norm, "beta").toFloatArray();
            float[] mean = parameter(norm, "runningMean").toFloatArray();
            float[] variance = parameter(norm, "runningVar").toFloatArray();

            int channels = bias.length;
            int perChannel = weight.length / channels;
            for (int c = 0; c < channels; c++) {
                float scale = (float) (gamma[c] / Math.sqrt(variance[c] + (double) Layers.NORM_EPSILON));
                for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                    weight[i] *= scale;
                }
                bias[c] = (bias[c] - mean[c]) * scale + beta[c];
            }
            return new Convolution(
                    manager.create(weight, weightArray.getShape()),
                    manager.create(bias, new Shape(channels)),
                    conv.getStride(),
                    conv.getPadding());
        }

        NDArray apply(NDArray input) {
            return Conv2d.conv2d(input, weight, bias, stride, padding, NO_DILATION, 1).singletonOrThrow();
        }

        private static NDArray parameter(Block block, String name) {
            var parameter = block.getParameters().get(name);
            if (parameter == null || !parameter.isInitialized()) {
                throw new IllegalStateException("The network's " + block.getClass().getSimpleName()
                        + " has no initialized parameter '" + name + "' to fold");
            }
            return parameter.getArray();
        }
    }
}
