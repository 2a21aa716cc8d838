/**
 * The {@code data} command: loads Fashion-MNIST, builds the default mixtures and draws samples of
 * them, as a quick check that the data is in place before a long training run.
 */
package dev.unstacker.examples.data;
