package dev.unstacker.api;

/**
 * The measurements of one finished training epoch.
 *
 * @param epoch the epoch number, starting at 1
 * @param elapsedSeconds wall-clock seconds since training started, resumed runs included
 * @param trainLoss the mean training loss over the epoch's batches
 * @param validationPitMae the validation PIT-MAE after the epoch, pixels in [0, 1]
 * @param validationPsnrDb the validation PSNR in decibels, peak 1.0
 * @param samplesPerSecond training mixtures processed per second during the epoch
 */
public record EpochResult(
        int epoch,
        double elapsedSeconds,
        double trainLoss,
        double validationPitMae,
        double validationPsnrDb,
        double samplesPerSecond) {}
