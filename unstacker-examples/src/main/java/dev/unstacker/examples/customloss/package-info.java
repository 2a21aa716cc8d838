/** How to plug a user-written loss into training through {@link dev.unstacker.api.ImageDistance}. */
package dev.unstacker.examples.customloss;
