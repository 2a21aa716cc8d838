package dev.unstacker.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.unstacker.api.ImageDistance;

/**
 * One minus the structural similarity index (SSIM), with a Gaussian window of size 11 and σ = 1.5,
 * data range 1, and the constants C1 = (0.01)² and C2 = (0.03)² of Wang et al. (2004).
 *
 * <p>The window slides over the valid region only (no padding), so a 28×28 image gives 18×18 local
 * values, which are averaged. The constants keep the value finite on black and constant images.
 */
public final class SsimDistance implements ImageDistance {

    /** Side of the Gaussian window in pixels. */
    public static final int WINDOW = 11;

    /** Standard deviation of the Gaussian window in pixels. */
    public static final double SIGMA = 1.5;

    private static final float C1 = 0.01f * 0.01f;
    private static final float C2 = 0.03f * 0.03f;
    private static final float[] KERNEL = gaussianKernel();

    @Override
    public NDArray compute(NDArray estimates, NDArray sources) {
        return ssim(estimates, sources).neg().add(1f);
    }

    /**
     * Computes the mean SSIM of each pair of images.
     *
     * @param x images of shape {@code (M, 1, H, W)}, H and W at least 11
     * @param y images of the same shape
     * @return the SSIM per image, shape {@code (M)}, 1 for identical images
     * @throws IllegalArgumentException if the shapes differ, are not {@code (M, 1, H, W)} or are
     *     smaller than the window
     */
    public static NDArray ssim(NDArray x, NDArray y) {
        Shape shape = x.getShape();
        if (!shape.equals(y.getShape()) || shape.dimension() != 4 || shape.get(1) != 1
                || shape.get(2) < WINDOW || shape.get(3) < WINDOW) {
            throw new IllegalArgumentException("SSIM needs two image batches of the same shape (M, 1, H, W) with H and W "
                    + "at least " + WINDOW + ", but got " + shape + " and " + y.getShape());
        }
        NDManager manager = x.getManager();
        NDArray window = manager.create(KERNEL, new Shape(1, 1, WINDOW, WINDOW));

        NDArray muX = blur(x, window);
        NDArray muY = blur(y, window);
        NDArray muXX = muX.mul(muX);
        NDArray muYY = muY.mul(muY);
        NDArray muXY = muX.mul(muY);
        NDArray sigmaXX = blur(x.mul(x), window).sub(muXX);
        NDArray sigmaYY = blur(y.mul(y), window).sub(muYY);
        NDArray sigmaXY = blur(x.mul(y), window).sub(muXY);

        NDArray numerator = muXY.mul(2f).add(C1).mul(sigmaXY.mul(2f).add(C2));
        NDArray denominator = muXX.add(muYY).add(C1).mul(sigmaXX.add(sigmaYY).add(C2));
        return PixelMeans.perImage(numerator.div(denominator));
    }

    private static NDArray blur(NDArray images, NDArray window) {
        NDList out = Conv2d.conv2d(images, window);
        return out.singletonOrThrow();
    }

    private static float[] gaussianKernel() {
        double[] line = new double[WINDOW];
        double total = 0;
        for (int i = 0; i < WINDOW; i++) {
            double offset = i - (WINDOW - 1) / 2.0;
            line[i] = Math.exp(-offset * offset / (2 * SIGMA * SIGMA));
            total += line[i];
        }
        float[] kernel = new float[WINDOW * WINDOW];
        for (int r = 0; r < WINDOW; r++) {
            for (int c = 0; c < WINDOW; c++) {
                kernel[r * WINDOW + c] = (float) (line[r] * line[c] / (total * total));
            }
        }
        return kernel;
    }

    @Override
    public String name() {
        return "ssim";
    }

    @Override
    public String toString() {
        return "SsimDistance[window=" + WINDOW + ", sigma=" + SIGMA + "]";
    }
}
