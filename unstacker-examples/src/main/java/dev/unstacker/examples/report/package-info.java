/**
 * Renders the output folder of an experiment: the loss curve, a grid of separations, a heat map of
 * PSNR by class pair, {@code metrics.json} and an {@code index.html} page that links them.
 *
 * <p>Every writer takes plain Java values, so the package does not depend on training code, and
 * replaces its file atomically, so a browser that reloads the page during a run never reads a
 * half-written file. Images are drawn on {@link java.awt.image.BufferedImage}s and need no display.
 */
package dev.unstacker.examples.report;
