/**
 * Per-image distances and the permutation-invariant loss built on them.
 *
 * <p>{@link dev.unstacker.core.loss.PermutationInvariantLoss} computes the K×K matrix of distances
 * between estimates and sources once per batch, finds the assignment with the smallest total distance
 * for each mixture, and averages the assigned distances. The same assignment is used by the
 * evaluation, so a metric and the loss never disagree on which estimate belongs to which source.
 */
package dev.unstacker.core.loss;
