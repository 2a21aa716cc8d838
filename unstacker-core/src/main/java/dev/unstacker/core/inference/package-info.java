/**
 * Separation of user images with a trained network: input conversion, options and a thread-safe
 * runtime.
 *
 * <p>{@link dev.unstacker.core.inference.ImageInput} turns a file, an AWT or DJL image, or a pixel
 * array into gray values in [0, 1]. {@link dev.unstacker.core.inference.SeparatorRuntime} fits it
 * into the model's image size, inverts a light background, runs the network, and maps the estimates
 * back to the input's size and background as {@link dev.unstacker.api.Separation}s.
 */
package dev.unstacker.core.inference;
