/**
 * Overlay mixtures of Fashion-MNIST images and their leakage-free train, validation and test
 * splits.
 *
 * <p>A {@link dev.unstacker.core.mix.MixingSpec} sets K sources and their weights, an
 * {@link dev.unstacker.core.mix.OverlayMixer} computes O = Σ wᵢ·Sᵢ, a
 * {@link dev.unstacker.core.mix.MixtureProtocol} sets the counts, seed and batch size, and
 * {@link dev.unstacker.core.mix.MixtureSplits#build} groups images into three
 * {@link dev.unstacker.core.mix.MixtureDataset}s that DJL trainers can iterate.
 */
package dev.unstacker.core.mix;
