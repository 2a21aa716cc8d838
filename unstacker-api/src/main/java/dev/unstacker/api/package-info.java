/**
 * Public types that applications program against: the separation result, the distance extension
 * point for custom losses, training progress callbacks and the exceptions the library throws.
 *
 * <p>The implementation lives in {@code unstacker-core}; nothing here depends on it.
 */
package dev.unstacker.api;
