package dev.unstacker.core.inference;

/** Applies the {@link Background#AUTO} rule that the {@link Background} description states. */
final class BackgroundRule {

    private static final float OPAQUE = 0.5f;
    private static final float MID_GRAY = 0.5f;

    private BackgroundRule() {}

    /**
     * Resolves a background setting for one input.
     *
     * @return {@link Background#DARK} or {@link Background#LIGHT}
     */
    static Background resolve(Background setting, ImageInput input) {
        if (setting != Background.AUTO) {
            return setting;
        }
        return isLight(input) ? Background.LIGHT : Background.DARK;
    }

    private static boolean isLight(ImageInput input) {
        float[] gray = input.grayView();
        float[] alpha = input.alphaView();
        int[] border = borderIndices(input.width(), input.height());

        Histogram opaqueBorder = new Histogram();
        for (int index : border) {
            if (alpha == null || alpha[index] >= OPAQUE) {
                opaqueBorder.add(gray[index]);
            }
        }
        if (2L * opaqueBorder.count() >= border.length) {
            return opaqueBorder.median() > MID_GRAY;
        }

        // The border is transparent, so the object's own brightness decides.
        Histogram object = new Histogram();
        for (int i = 0; i < gray.length; i++) {
            if (alpha[i] >= OPAQUE) {
                object.add(gray[i]);
            }
        }
        return object.count() > 0 && object.median() <= MID_GRAY;
    }

    /** Returns the row-major indices of the first and last row and column, each pixel once. */
    static int[] borderIndices(int width, int height) {
        int count = (width == 1 || height == 1) ? width * height : 2 * width + 2 * (height - 2);
        int[] indices = new int[count];
        int n = 0;
        for (int y = 0; y < height; y++) {
            if (y == 0 || y == height - 1) {
                for (int x = 0; x < width; x++) {
                    indices[n++] = y * width + x;
                }
            } else {
                indices[n++] = y * width;
                if (width > 1) {
                    indices[n++] = y * width + width - 1;
                }
            }
        }
        return indices;
    }

    /**
     * Counts values in [0, 1] quantized to 1/65535, which is exact for 8- and 16-bit images and
     * finds the median in one pass without sorting millions of values.
     */
    private static final class Histogram {

        private static final int LEVELS = 65536;

        private final int[] counts = new int[LEVELS];
        private long total;

        void add(float value) {
            counts[Math.round(value * (LEVELS - 1))]++;
            total++;
        }

        long count() {
            return total;
        }

        /** Returns the median; for an even count, the mean of the two middle values. */
        float median() {
            long lowerRank = (total - 1) / 2;
            long upperRank = total / 2;
            return (valueAt(lowerRank) + valueAt(upperRank)) / 2f;
        }

        private float valueAt(long rank) {
            long seen = 0;
            for (int level = 0; level < LEVELS; level++) {
                seen += counts[level];
                if (seen > rank) {
                    return level / (float) (LEVELS - 1);
                }
            }
            throw new IllegalStateException("rank " + rank + " is beyond the " + total + " values counted");
        }
    }
}
