/**
 * Training on DJL's {@code Trainer}: the epoch loop, learning-rate schedules, checkpoints with resume,
 * and progress reporting through DJL training listeners and {@link dev.unstacker.api.TrainingObserver}.
 */
package dev.unstacker.core.train;
