package dev.unstacker.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual U-Net that separates a mixture into K estimates.
 *
 * <p>Input: mixtures of shape {@code (N, 1, H, W)}, with H and W divisible by 4. Output: estimates
 * of shape {@code (N, K, H, W)}. The encoder has three levels (full, half and quarter resolution,
 * with width, 2×width and 4×width channels). Strided 3×3 convolutions go down, and nearest-neighbour
 * upsampling followed by a 3×3 convolution goes up. Each decoder level adds the encoder's
 * feature map of the same size. A 1×1 head predicts one correction per source, which is added to
 * the mixture, so each estimate starts from the mixture and the network learns the difference. Estimates are
 * not clamped during training, because clamping stops the gradient outside [0, 1].
 *
 * <p>Training keeps feature maps in PyTorch's default memory order. The folded inference form keeps
 * them channels-last, which computes the same function faster on the CPU (docs/performance.md).
 * NOTE: channels-last training ran about 16 % faster per step, but one of five identical epochs on
 * the CPU ended with a different loss, so training stays in the default order to keep seeds
 * reproducible.
 */
public final class SeparatorNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SeparatorConfig config;

    private final Conv2d stem;
    private final ResidualBlock encoder1;
    private final Conv2d down1;
    private final ResidualBlock encoder2;
    private final Conv2d down2;
    private final SequentialBlock bottleneck;
    private final Conv2d up2;
    private final ResidualBlock decoder2;
    private final Conv2d up1;
    private final ResidualBlock decoder1;
    private final Conv2d head;

    /**
     * Creates an uninitialized network.
     *
     * @param config the settings, already validated
     */
    public SeparatorNet(SeparatorConfig config) {
        super(VERSION);
        this.config = config;
        int w = config.width();

        // Children are registered in a fixed order, because DJL writes and reads parameters in it.
        stem = addChildBlock("stem", Layers.conv3x3(w, 1));
        encoder1 = addChildBlock("encoder1", new ResidualBlock(w));
        down1 = addChildBlock("down1", Layers.conv3x3(2 * w, 2));
        encoder2 = addChildBlock("encoder2", new ResidualBlock(2 * w));
        down2 = addChildBlock("down2", Layers.conv3x3(4 * w, 2));
        SequentialBlock blocks = new SequentialBlock();
        for (int i = 0; i < config.bottleneckBlocks(); i++) {
            blocks.add(new ResidualBlock(4 * w));
        }
        bottleneck = addChildBlock("bottleneck", blocks);
        up2 = addChildBlock("up2", Layers.conv3x3(2 * w, 1));
        decoder2 = addChildBlock("decoder2", new ResidualBlock(2 * w));
        up1 = addChildBlock("up1", Layers.conv3x3(w, 1));
        decoder1 = addChildBlock("decoder1", new ResidualBlock(w));
        head = addChildBlock("head", Layers.conv1x1(config.sources()));
    }

    /**
     * Returns the settings this network was built with.
     *
     * @return the settings
     */
    public SeparatorConfig config() {
        return config;
    }

    /**
     * Returns the inference form of this network: the same function with each batch normalization
     * folded into the convolution before it, so a forward pass runs fewer operations. The folded
     * parameters are copies owned by {@code manager}; this network is not changed.
     *
     * @param manager the manager that owns the folded parameters
     * @return a block without trainable parameters, for inference only
     * @throws IllegalStateException if this network is not initialized
     */
    public FoldedSeparator folded(NDManager manager) {
        if (!isInitialized()) {
            throw new IllegalStateException("The network is not initialized; initialize or load it before folding it");
        }
        return new FoldedSeparator(this, manager);
    }

    /** Returns the child block of one stage; the bottleneck is a sequence of residual blocks. */
    AbstractBlock stageBlock(Stage stage) {
        return switch (stage) {
            case STEM -> stem;
            case ENCODER1 -> encoder1;
            case DOWN1 -> down1;
            case ENCODER2 -> encoder2;
            case DOWN2 -> down2;
            case BOTTLENECK -> bottleneck;
            case UP2 -> up2;
            case DECODER2 -> decoder2;
            case UP1 -> up1;
            case DECODER1 -> decoder1;
            case HEAD -> head;
        };
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray mixture = inputs.singletonOrThrow();
        NDArray estimates = run(mixture, (stage, x) -> Layers.apply(stageBlock(stage), store, x, training), false);
        return new NDList(MixtureConsistency.apply(config, estimates, mixture));
    }

    /**
     * Runs the U-Net's forward pass with the given stages and returns the estimates before the
     * output mode is applied. Both forms of the network use this method, so they cannot disagree
     * about the wiring.
     *
     * @param channelsLast whether feature maps are kept in channels-last memory order
     */
    static NDArray run(NDArray mixture, StageRunner stages, boolean channelsLast) {
        NDArray input = channelsLast ? Layers.channelsLast(mixture) : mixture;
        NDArray h1 = Activation.relu(stages.apply(Stage.STEM, input));
        h1 = stages.apply(Stage.ENCODER1, h1);
        NDArray h2 = Activation.relu(stages.apply(Stage.DOWN1, h1));
        h2 = stages.apply(Stage.ENCODER2, h2);
        NDArray h3 = Activation.relu(stages.apply(Stage.DOWN2, h2));
        h3 = stages.apply(Stage.BOTTLENECK, h3);

        NDArray g2 = stages.apply(Stage.UP2, Layers.upsample2x(h3, channelsLast)).add(h2);
        g2 = stages.apply(Stage.DECODER2, g2);
        NDArray g1 = stages.apply(Stage.UP1, Layers.upsample2x(g2, channelsLast)).add(h1);
        g1 = stages.apply(Stage.DECODER1, g1);

        return stages.apply(Stage.HEAD, g1).add(mixture);
    }

    /** Applies one stage of the network to its input. */
    @FunctionalInterface
    interface StageRunner {
        NDArray apply(Stage stage, NDArray input);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return outputShapes(config, inputShapes);
    }

    /** Returns the shape {@code (N, K, H, W)} of the estimates for mixtures of shape {@code (N, 1, H, W)}. */
    static Shape[] outputShapes(SeparatorConfig config, Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), config.sources(), in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(1) != 1 || in.get(2) % 4 != 0 || in.get(3) % 4 != 0) {
            throw new IllegalArgumentException(
                    "SeparatorNet expects mixtures of shape (N, 1, H, W) with H and W divisible by 4, but got "
                            + in);
        }
        int w = config.width();
        long n = in.get(0);
        long h = in.get(2);
        long wd = in.get(3);
        Shape full = new Shape(n, w, h, wd);
        Shape half = new Shape(n, 2L * w, h / 2, wd / 2);
        Shape quarter = new Shape(n, 4L * w, h / 4, wd / 4);

        stem.initialize(manager, dataType, in);
        encoder1.initialize(manager, dataType, full);
        down1.initialize(manager, dataType, full);
        encoder2.initialize(manager, dataType, half);
        down2.initialize(manager, dataType, half);
        bottleneck.initialize(manager, dataType, quarter);
        up2.initialize(manager, dataType, new Shape(n, 4L * w, h / 2, wd / 2));
        decoder2.initialize(manager, dataType, half);
        up1.initialize(manager, dataType, new Shape(n, 2L * w, h, wd));
        decoder1.initialize(manager, dataType, full);
        head.initialize(manager, dataType, full);
    }
}
