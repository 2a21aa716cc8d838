/** The {@code evaluate} command: scores a model on the test mixtures, beside the mixture baseline. */
package dev.unstacker.examples.evaluate;
