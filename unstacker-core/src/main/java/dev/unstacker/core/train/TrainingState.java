package dev.unstacker.core.train;

import dev.unstacker.api.EpochResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress of a run, stored next to its checkpoints so an interrupted run can resume.
 *
 * <p>The fingerprint ties the state to the settings that produced it: a run with other settings
 * is rejected when it tries to resume from it.
 */
final class TrainingState {

    String fingerprint;
    int epochsCompleted;
    double elapsedSeconds;
    double bestValidationPitMae = Double.POSITIVE_INFINITY;
    int bestEpoch;
    List<EpochResult> history = new ArrayList<>();

    /** The file in the checkpoint folder with Adam's moments after the last epoch, or null in older states. */
    String optimizerFile;

    /** Adam's update count after the last epoch. */
    int optimizerUpdates;

    /** The gradient clipping's running values after the last epoch, or null without clipping. */
    GradientClipping.State clipping;
}
