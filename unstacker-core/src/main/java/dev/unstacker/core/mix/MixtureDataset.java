package dev.unstacker.core.mix;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import dev.unstacker.core.data.ImageSet;
import java.util.Arrays;
import java.util.Objects;

/**
 * Mixtures of K images drawn from one {@link ImageSet}, each with its K sources as the target.
 *
 * <p>A record's data is the mixture, float32 of shape (1, H, W), and its label is the sources, float32
 * of shape (K, H, W), in [0, 1]. Mixtures are computed on request from the compact image bytes and
 * an {@code int[]} grouping where mixture {@code i}'s sources are at {@code [i·K, i·K + K)}, so the
 * dataset itself takes a few hundred kilobytes. No image appears in two mixtures of one dataset.
 *
 * <p>Evaluation code can skip NDArrays altogether with {@link #mixtureInto}, {@link #sourcesInto},
 * {@link #allMixtures()} and {@link #allSources()}.
 *
 * <p>A dataset built with dynamic mixing can {@link #regroup(long)} its images into new mixtures
 * before each epoch. {@code regroup} replaces the grouping atomically, so call it between epochs,
 * not while a batch is being read.
 */
public final class MixtureDataset extends RandomAccessDataset {

    private final String name;
    private final ImageSet images;
    private final OverlayMixer mixer;
    private final int sourceCount;
    private final int[] initialGrouping;
    private final boolean dynamicMixing;
    private final long seed;
    private volatile int[] grouping;

    private MixtureDataset(Builder builder) {
        super(builder);
        this.name = builder.name;
        this.images = builder.images;
        this.mixer = new OverlayMixer(builder.mixing);
        this.sourceCount = builder.mixing.sourceCount();
        this.initialGrouping = builder.sourceIndices;
        this.dynamicMixing = builder.dynamicMixing;
        this.seed = builder.seed;
        this.grouping = initialGrouping;
    }

    /**
     * Creates a builder. {@link MixtureSplits} is the usual way to get datasets.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Record get(NDManager manager, long index) {
        int from = checkMixture(index) * sourceCount;
        int pixels = images.pixelsPerImage();
        float[] mixture = new float[pixels];
        float[] sources = new float[sourceCount * pixels];
        // One read of the grouping, so that a concurrent regroup cannot pair a mixture with other sources.
        int[] current = grouping;
        mixer.mixInto(images, current, from, mixture, 0);
        mixer.sourcesInto(images, current, from, sources, 0);

        Shape mixtureShape = new Shape(1, images.height(), images.width());
        Shape sourcesShape = new Shape(sourceCount, images.height(), images.width());
        return new Record(new NDList(manager.create(mixture, mixtureShape)),
                new NDList(manager.create(sources, sourcesShape)));
    }

    @Override
    protected long availableSize() {
        return mixtureCount();
    }

    /** Does nothing: the images are in memory and mixtures are computed on request. */
    @Override
    public void prepare(Progress progress) {}

    /**
     * Returns the split name, such as "train".
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns K, the number of sources per mixture.
     *
     * @return the source count
     */
    public int sourceCount() {
        return sourceCount;
    }

    /**
     * Returns the images the mixtures are drawn from.
     *
     * @return the image set
     */
    public ImageSet images() {
        return images;
    }

    /**
     * Returns the source count and weights.
     *
     * @return the mixing spec
     */
    public MixingSpec mixing() {
        return mixer.mixing();
    }

    /**
     * Returns whether {@link #regroup(long)} is allowed.
     *
     * @return true if the dataset was built with dynamic mixing
     */
    public boolean isDynamic() {
        return dynamicMixing;
    }

    /**
     * Returns the number of mixtures as an int, unlike {@link #size()}, which DJL declares as long
     * and which an {@code optLimit} on the builder can lower.
     *
     * @return the number of mixtures in the grouping
     */
    public int mixtureCount() {
        return grouping.length / sourceCount;
    }

    /**
     * Returns the rows of every image.
     *
     * @return the image height in pixels
     */
    public int imageHeight() {
        return images.height();
    }

    /**
     * Returns the columns of every image.
     *
     * @return the image width in pixels
     */
    public int imageWidth() {
        return images.width();
    }

    /**
     * Writes mixture {@code i}, scaled to [0, 1], into {@code out}.
     *
     * @param i the mixture index
     * @param out the destination, with room for one image at {@code offset}
     * @param offset where the first pixel goes
     */
    public void mixtureInto(int i, float[] out, int offset) {
        mixer.mixInto(images, grouping, checkMixture(i) * sourceCount, out, offset);
    }

    /**
     * Writes the K sources of mixture {@code i}, one image after another, into {@code out}.
     *
     * @param i the mixture index
     * @param out the destination, with room for K images at {@code offset}
     * @param offset where the first pixel goes
     */
    public void sourcesInto(int i, float[] out, int offset) {
        mixer.sourcesInto(images, grouping, checkMixture(i) * sourceCount, out, offset);
    }

    /**
     * Returns the indices into {@link #images()} of mixture {@code i}'s sources.
     *
     * @param i the mixture index
     * @return the K image indices
     */
    public int[] sourceIndices(int i) {
        int from = checkMixture(i) * sourceCount;
        return Arrays.copyOfRange(grouping, from, from + sourceCount);
    }

    /**
     * Returns the class labels of mixture {@code i}'s sources.
     *
     * @param i the mixture index
     * @return the K labels, in source order
     */
    public int[] sourceLabels(int i) {
        int[] labels = sourceIndices(i);
        for (int k = 0; k < labels.length; k++) {
            labels[k] = images.label(labels[k]);
        }
        return labels;
    }

    /**
     * Returns the current grouping: mixture {@code i}'s image indices are at {@code [i·K, i·K + K)}.
     *
     * @return a copy of the grouping
     */
    public int[] grouping() {
        return grouping.clone();
    }

    /**
     * Computes every mixture into one block, mixture after mixture: N × H × W values.
     *
     * @return the mixtures, about 3 KB each for Fashion-MNIST
     */
    public float[] allMixtures() {
        int count = mixtureCount();
        int pixels = images.pixelsPerImage();
        float[] block = new float[Math.multiplyExact(count, pixels)];
        for (int i = 0; i < count; i++) {
            mixtureInto(i, block, i * pixels);
        }
        return block;
    }

    /**
     * Copies every mixture's sources into one block: N × K × H × W values.
     *
     * @return the sources, mixture after mixture
     */
    public float[] allSources() {
        int count = mixtureCount();
        int stride = sourceCount * images.pixelsPerImage();
        float[] block = new float[Math.multiplyExact(count, stride)];
        for (int i = 0; i < count; i++) {
            sourcesInto(i, block, i * stride);
        }
        return block;
    }

    /**
     * Groups the same images into new random mixtures for an epoch.
     *
     * <p>The grouping depends only on the seed and {@code epoch}, not on earlier calls, so a resumed
     * run that calls {@code regroup(epoch)} gets the same mixtures as an uninterrupted one.
     *
     * @param epoch the epoch the grouping is for
     * @throws IllegalStateException if the dataset was built without dynamic mixing
     */
    public void regroup(long epoch) {
        if (!dynamicMixing) {
            throw new IllegalStateException("Cannot regroup the " + name + " mixtures: they were built without "
                    + "dynamic mixing. Build the splits with MixtureProtocol.builder().optDynamicMixing(true).");
        }
        int[] next = initialGrouping.clone();
        Groupings.shuffle(next, Groupings.random(seed, Groupings.REGROUP_STREAM, epoch));
        grouping = next;
    }

    @Override
    public String toString() {
        return "MixtureDataset[" + name + ", " + availableSize() + " mixtures of " + sourceCount + " sources"
                + (dynamicMixing ? ", dynamic" : "") + "]";
    }

    private int checkMixture(long index) {
        return (int) Objects.checkIndex(index, (long) mixtureCount());
    }

    /**
     * Builder of a {@link MixtureDataset}. Call {@code setSampling(batchSize, shuffle)} before
     * {@code build()}, as DJL requires.
     */
    public static final class Builder extends BaseBuilder<Builder> {

        private String name = "mixtures";
        private ImageSet images;
        private MixingSpec mixing;
        private int[] sourceIndices;
        private boolean dynamicMixing;
        private long seed;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the images the mixtures are drawn from.
         *
         * @param images the image set
         * @return this builder
         */
        public Builder setImages(ImageSet images) {
            this.images = Objects.requireNonNull(images, "images");
            return this;
        }

        /**
         * Sets the source count and weights.
         *
         * @param mixing the mixing spec
         * @return this builder
         */
        public Builder setMixing(MixingSpec mixing) {
            this.mixing = Objects.requireNonNull(mixing, "mixing");
            return this;
        }

        /**
         * Sets the grouping: mixture {@code i}'s image indices at {@code [i·K, i·K + K)}.
         *
         * @param sourceIndices distinct indices into the images, copied
         * @return this builder
         */
        public Builder setSourceIndices(int[] sourceIndices) {
            this.sourceIndices = sourceIndices.clone();
            return this;
        }

        /**
         * Sets the split name used in logs and messages.
         *
         * @param name such as "train", default "mixtures"
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Allows {@link MixtureDataset#regroup(long)}, with groupings drawn from {@code seed}.
         *
         * @param seed the protocol seed
         * @return this builder
         */
        public Builder optDynamicMixing(long seed) {
            this.dynamicMixing = true;
            this.seed = seed;
            return this;
        }

        /**
         * Checks the settings and creates the dataset.
         *
         * @return the dataset
         * @throws IllegalStateException if a required setting is missing
         * @throws IllegalArgumentException if the grouping does not fit the images and source count
         */
        public MixtureDataset build() {
            if (images == null || mixing == null || sourceIndices == null || sampler == null) {
                throw new IllegalStateException("Set images, mixing, source indices and sampling "
                        + "(setSampling(batchSize, shuffle)) before build().");
            }
            checkGrouping();
            return new MixtureDataset(this);
        }

        private void checkGrouping() {
            int sources = mixing.sourceCount();
            if (sourceIndices.length % sources != 0) {
                throw new IllegalArgumentException("Invalid source indices for " + name + ": " + sourceIndices.length
                        + " indices are not a whole number of mixtures of " + sources + " sources.");
            }
            boolean[] used = new boolean[images.size()];
            for (int position = 0; position < sourceIndices.length; position++) {
                int index = sourceIndices[position];
                if (index < 0 || index >= images.size()) {
                    throw new IllegalArgumentException("Invalid source index " + index + " at position " + position
                            + " for " + name + ": allowed are 0 to " + (images.size() - 1) + ".");
                }
                if (used[index]) {
                    throw new IllegalArgumentException("Invalid source indices for " + name + ": image " + index
                            + " appears twice (again at position " + position + "); each image may feed one mixture.");
                }
                used[index] = true;
            }
        }
    }
}
