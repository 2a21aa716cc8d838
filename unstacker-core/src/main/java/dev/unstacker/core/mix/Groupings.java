package dev.unstacker.core.mix;

import java.util.Random;

/**
 * Seeded shuffles that group images into mixtures identically on every machine.
 *
 * <p>They use {@link java.util.Random}, whose algorithm the Java SE specification fixes for
 * portability, and never DJL's or the engine's random generators. Each purpose draws from its own
 * generator, seeded by mixing the protocol seed with a stream number and an epoch, so adding a
 * draw for one purpose never shifts another.
 */
final class Groupings {

    /** Stream of the shuffle that assigns training images to training and validation mixtures. */
    static final int TRAIN_VALIDATION_STREAM = 1;

    /** Stream of the shuffle that assigns test images to test mixtures. */
    static final int TEST_STREAM = 2;

    /** Stream of the per-epoch regrouping of a dynamically mixed split. */
    static final int REGROUP_STREAM = 3;

    private Groupings() {}

    /**
     * Creates the generator of one stream and epoch.
     *
     * @param seed the protocol seed
     * @param stream one of the stream constants
     * @param epoch 0 for the initial grouping, the epoch number for a regrouping
     * @return a generator that depends only on the three values
     */
    static Random random(long seed, int stream, long epoch) {
        long mixed = mix(seed);
        mixed = mix(mixed ^ stream);
        mixed = mix(mixed ^ epoch);
        return new Random(mixed);
    }

    /**
     * Returns {@code 0, 1, …, count - 1} in a random order.
     *
     * @param count the number of indices
     * @param random the generator
     * @return the shuffled indices
     */
    static int[] shuffledIndices(int count, Random random) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        shuffle(indices, random);
        return indices;
    }

    /**
     * Shuffles an array in place with the Fisher–Yates algorithm.
     *
     * @param values the array
     * @param random the generator
     */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = values[i];
            values[i] = values[j];
            values[j] = swapped;
        }
    }

    /** Scrambles the bits of a 64-bit value (the SplitMix64 finalizer), so nearby seeds give unrelated streams. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
