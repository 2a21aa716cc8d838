package dev.unstacker.core.inference;

/**
 * Resizes row-major gray images, one axis at a time: area averaging where an axis shrinks, so every
 * source pixel contributes by the fraction it covers, and bilinear interpolation between pixel
 * centres where it grows. Both keep values within the range of the input.
 */
final class Resampling {

    private Resampling() {}

    /** Returns the image resized to {@code newWidth × newHeight}; the input array itself if unchanged. */
    static float[] resize(float[] pixels, int width, int height, int newWidth, int newHeight) {
        if (width == newWidth && height == newHeight) {
            return pixels;
        }
        Taps columns = Taps.of(width, newWidth);
        Taps rows = Taps.of(height, newHeight);

        float[] narrowed = new float[newWidth * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < newWidth; x++) {
                narrowed[y * newWidth + x] = columns.apply(pixels, y * width, 1, x);
            }
        }

        float[] resized = new float[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                resized[y * newWidth + x] = rows.apply(narrowed, x, newWidth, y);
            }
        }
        return resized;
    }

    /** For each output position along one axis, the first input position it reads and the weights. */
    private record Taps(int[] first, float[][] weights) {

        static Taps of(int from, int to) {
            return to < from ? area(from, to) : bilinear(from, to);
        }

        /**
         * Returns taps that make output pixel {@code i} the average of the input interval
         * {@code [i·s, (i+1)·s)}, with {@code s = from / to}.
         */
        private static Taps area(int from, int to) {
            double scale = (double) from / to;
            int[] first = new int[to];
            float[][] weights = new float[to][];
            for (int i = 0; i < to; i++) {
                double start = i * scale;
                double end = Math.min(from, (i + 1) * scale);
                int low = (int) Math.floor(start);
                int high = Math.min(from - 1, (int) Math.ceil(end) - 1);
                first[i] = low;
                weights[i] = new float[high - low + 1];
                for (int j = low; j <= high; j++) {
                    double covered = Math.min(end, j + 1) - Math.max(start, j);
                    weights[i][j - low] = (float) (covered / scale);
                }
            }
            return new Taps(first, weights);
        }

        /** Pixel centres align as in align-corners-false resizing; positions past the edge clamp. */
        private static Taps bilinear(int from, int to) {
            double scale = (double) from / to;
            int[] first = new int[to];
            float[][] weights = new float[to][];
            for (int i = 0; i < to; i++) {
                double position = Math.min(from - 1, Math.max(0, (i + 0.5) * scale - 0.5));
                int low = (int) Math.floor(position);
                float fraction = (float) (position - low);
                first[i] = low;
                weights[i] = low + 1 < from ? new float[] {1 - fraction, fraction} : new float[] {1};
            }
            return new Taps(first, weights);
        }

        /** Returns output {@code i}, reading input positions at {@code offset + position · stride}. */
        float apply(float[] values, int offset, int stride, int i) {
            float[] w = weights[i];
            int index = offset + first[i] * stride;
            float sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * values[index + k * stride];
            }
            return sum;
        }
    }
}
