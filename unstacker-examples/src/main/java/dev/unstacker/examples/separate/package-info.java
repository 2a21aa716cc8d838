/** The {@code separate} command: separates image files with the bundled or a saved model. */
package dev.unstacker.examples.separate;
