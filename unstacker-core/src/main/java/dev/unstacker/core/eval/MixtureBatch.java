package dev.unstacker.core.eval;

import dev.unstacker.core.mix.MixtureDataset;

/**
 * Mixtures and their sources as flat arrays, the input of an evaluation.
 *
 * <p>Mixture m occupies {@code mixtures[m * H * W ...]}; its source s occupies
 * {@code sources[(m * K + s) * H * W ...]}. Pixels are in [0, 1].
 */
public final class MixtureBatch {

    final float[] mixtures;
    final float[] sources;
    private final int count;
    private final int sourceCount;
    private final int height;
    private final int width;

    /**
     * Wraps flat arrays without copying them.
     *
     * @param mixtures N mixtures of H×W pixels
     * @param sources N×K sources of H×W pixels
     * @param sourceCount K
     * @param height H
     * @param width W
     */
    public MixtureBatch(float[] mixtures, float[] sources, int sourceCount, int height, int width) {
        int pixels = height * width;
        if (pixels <= 0 || mixtures.length % pixels != 0) {
            throw new IllegalArgumentException(
                    "mixtures has " + mixtures.length + " values, which is not a whole number of "
                            + height + "×" + width + " images");
        }
        this.count = mixtures.length / pixels;
        if (sources.length != count * sourceCount * pixels) {
            throw new IllegalArgumentException(
                    "sources has " + sources.length + " values but " + count + " mixtures of " + sourceCount
                            + " sources need " + (long) count * sourceCount * pixels);
        }
        this.mixtures = mixtures;
        this.sources = sources;
        this.sourceCount = sourceCount;
        this.height = height;
        this.width = width;
    }

    /**
     * Copies every mixture and its sources out of a dataset.
     *
     * @param dataset the mixtures
     * @return a batch with the dataset's mixtures in index order
     */
    public static MixtureBatch from(MixtureDataset dataset) {
        return new MixtureBatch(
                dataset.allMixtures(), dataset.allSources(), dataset.sourceCount(), dataset.imageHeight(), dataset.imageWidth());
    }

    /** Returns N, the number of mixtures. */
    public int mixtures() {
        return count;
    }

    /** Returns K, the number of sources per mixture. */
    public int sources() {
        return sourceCount;
    }

    /** Returns H, the image height. */
    public int height() {
        return height;
    }

    /** Returns W, the image width. */
    public int width() {
        return width;
    }

    /** Returns H×W. */
    public int pixels() {
        return height * width;
    }

    /** Returns a copy of the pixels of {@code length} mixtures starting at {@code start}. */
    float[] mixtureSlice(int start, int length) {
        float[] part = new float[length * pixels()];
        System.arraycopy(mixtures, start * pixels(), part, 0, part.length);
        return part;
    }

    /** Returns a copy of the pixels of mixture m. */
    public float[] mixture(int m) {
        return mixtureSlice(m, 1);
    }

    /** Returns a copy of the pixels of source s of mixture m. */
    public float[] source(int m, int s) {
        float[] part = new float[pixels()];
        System.arraycopy(sources, (m * sourceCount + s) * pixels(), part, 0, part.length);
        return part;
    }
}
