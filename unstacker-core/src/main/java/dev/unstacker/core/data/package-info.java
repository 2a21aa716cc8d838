/**
 * Fashion-MNIST from the official IDX files: where to find them, how to read them and how to tell
 * them from damaged copies or from the MNIST digit files that share their names.
 *
 * <p>{@link dev.unstacker.core.data.FashionMnist#load()} searches the places listed in
 * {@link dev.unstacker.core.data.DataLocator} and checks each file's magic number, shape, size,
 * labels and SHA-256 before returning. Images are kept as unsigned bytes in
 * {@link dev.unstacker.core.data.ImageSet}, about 55 MB for both splits.
 */
package dev.unstacker.core.data;
