package dev.unstacker.core.train;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.util.ProgressBar;

/** Shows a progress bar over each epoch's training steps on standard output. */
final class ProgressBarListener extends TrainingListenerAdapter {

    private final long stepsPerEpoch;
    private ProgressBar bar;
    private int epoch;

    ProgressBarListener(long stepsPerEpoch) {
        this.stepsPerEpoch = stepsPerEpoch;
    }

    void startEpoch(int epochNumber, int epochs) {
        epoch = epochNumber;
        bar = new ProgressBar("Epoch " + epoch + "/" + epochs, stepsPerEpoch);
        bar.start(0);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        if (bar != null) {
            bar.increment(1);
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        if (bar != null) {
            bar.end();
            bar = null;
        }
    }
}
