package dev.unstacker.core.eval;

/**
 * Per-mixture and per-source metrics of one evaluation, with the estimates aligned to their sources.
 *
 * <p>Arrays are indexed by mixture m and source s as {@code m * K + s}; estimates by
 * {@code (m * K + s) * pixels + p}.
 */
public final class EvaluationResult {

    private final int mixtures;
    private final int sources;
    private final float[] pitMae;
    private final float[] psnrDb;
    private final float[] ssim;
    private final float[] alignedEstimates;

    EvaluationResult(int mixtures, int sources, float[] pitMae, float[] psnrDb, float[] ssim, float[] alignedEstimates) {
        this.mixtures = mixtures;
        this.sources = sources;
        this.pitMae = pitMae;
        this.psnrDb = psnrDb;
        this.ssim = ssim;
        this.alignedEstimates = alignedEstimates;
    }

    /** Returns the number of mixtures evaluated. */
    public int mixtures() {
        return mixtures;
    }

    /** Returns K, the number of sources per mixture. */
    public int sources() {
        return sources;
    }

    /** Returns the mean PIT-MAE over mixtures, pixels in [0, 1]. */
    public double meanPitMae() {
        return mean(pitMae);
    }

    /** Returns the mean PSNR over source images, in decibels. */
    public double meanPsnrDb() {
        return mean(psnrDb);
    }

    /** Returns whether SSIM was computed; an evaluator made by {@code withoutSsim()} skips it. */
    public boolean hasSsim() {
        return ssim != null;
    }

    /** Returns the mean SSIM over source images, or NaN if SSIM was not computed. */
    public double meanSsim() {
        return ssim == null ? Double.NaN : mean(ssim);
    }

    /** Returns the PIT-MAE of one mixture. */
    public float pitMae(int mixture) {
        return pitMae[mixture];
    }

    /** Returns the PSNR of one source of one mixture, in decibels. */
    public float psnrDb(int mixture, int source) {
        return psnrDb[mixture * sources + source];
    }

    /** Returns the SSIM of one source of one mixture, or NaN if SSIM was not computed. */
    public float ssim(int mixture, int source) {
        return ssim == null ? Float.NaN : ssim[mixture * sources + source];
    }

    /**
     * Returns the estimate assigned to a source, clamped to [0, 1].
     *
     * @param mixture the mixture index
     * @param source the source index
     * @param pixels the number of pixels per image
     * @return a new array of {@code pixels} values
     */
    public float[] alignedEstimate(int mixture, int source, int pixels) {
        float[] image = new float[pixels];
        System.arraycopy(alignedEstimates, (mixture * sources + source) * pixels, image, 0, pixels);
        return image;
    }

    private static double mean(float[] values) {
        double total = 0;
        for (float value : values) {
            total += value;
        }
        return values.length == 0 ? Double.NaN : total / values.length;
    }
}
