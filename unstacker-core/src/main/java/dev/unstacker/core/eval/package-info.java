/**
 * Metrics of a separation, each defined exactly, computed on estimates clamped to [0, 1].
 *
 * <ul>
 *   <li><b>PIT-MAE</b>: per mixture, the mean absolute pixel error over the K sources under the
 *       assignment of estimates to sources chosen by the training loss's distance; averaged over
 *       mixtures.
 *   <li><b>PSNR</b>: per source image, {@code 10·log10(1 / MSE)} with peak 1.0 under the same
 *       assignment, the MSE floored at 1e-10 (so at most 100 dB); averaged over images.
 *   <li><b>SSIM</b>: per source image, the mean SSIM with a Gaussian window of size 11, σ 1.5 and
 *       data range 1 (valid region only); averaged over images.
 * </ul>
 *
 * <p>The mixture baseline scores the trivial separation in which every estimate equals the mixture.
 */
package dev.unstacker.core.eval;
