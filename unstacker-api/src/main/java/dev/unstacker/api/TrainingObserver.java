package dev.unstacker.api;

/**
 * Receives progress from a training run, for example to draw a live loss curve.
 *
 * <p>Methods run on the training thread, so a slow observer slows training.
 */
public interface TrainingObserver {

    /**
     * Called once after each epoch has been trained and validated.
     *
     * @param result the epoch's measurements
     */
    void onEpoch(EpochResult result);

    /**
     * Called once before training when a run resumes from a checkpoint, with the epochs finished
     * before the interruption.
     *
     * @param completed the earlier epochs, in order
     */
    default void onResume(java.util.List<EpochResult> completed) {}

    /**
     * Called once when training ends without an error: after the last epoch, or earlier when a
     * stopping target is reached.
     *
     * @param bestValidationPitMae the lowest validation PIT-MAE of the run
     */
    default void onFinished(double bestValidationPitMae) {}
}
