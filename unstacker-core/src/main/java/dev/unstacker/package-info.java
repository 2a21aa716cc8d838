/**
 * The entry point: {@link dev.unstacker.Unstacker}, which trains, saves, loads and runs separators.
 *
 * <pre>{@code
 * try (Unstacker unstacker = Unstacker.load("fashion-mnist")) {
 *     Separation separation = unstacker.separate(Path.of("overlay.png"));
 *     List<BufferedImage> sources = separation.images();
 * }
 * }</pre>
 */
package dev.unstacker;
