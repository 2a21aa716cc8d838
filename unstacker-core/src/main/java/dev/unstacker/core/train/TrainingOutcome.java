package dev.unstacker.core.train;

import ai.djl.Device;
import ai.djl.Model;
import dev.unstacker.api.EpochResult;
import dev.unstacker.core.io.ModelDescription;
import dev.unstacker.core.model.SeparatorNet;
import java.util.List;

/**
 * A finished run: the network with the parameters of its best validation epoch, and the history.
 * Close it to free the network's native memory.
 */
public final class TrainingOutcome implements AutoCloseable {

    private final Model model;
    private final ModelDescription description;
    private final List<EpochResult> history;
    private final int bestEpoch;
    private final Device device;

    TrainingOutcome(Model model, ModelDescription description, List<EpochResult> history, int bestEpoch, Device device) {
        this.model = model;
        this.description = description;
        this.history = List.copyOf(history);
        this.bestEpoch = bestEpoch;
        this.device = device;
    }

    /** Returns the DJL model that owns the network. */
    public Model model() {
        return model;
    }

    /** Returns the network with the best validation epoch's parameters. */
    public SeparatorNet block() {
        return (SeparatorNet) model.getBlock();
    }

    /** Returns the description to save with the network. */
    public ModelDescription description() {
        return description;
    }

    /** Returns one entry per epoch, resumed epochs included. */
    public List<EpochResult> history() {
        return history;
    }

    /** Returns the epoch, from 1, with the lowest validation PIT-MAE. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Returns the device the run trained on. */
    public Device device() {
        return device;
    }

    /** Returns the number of values in the network's parameters, batch normalization's running statistics included. */
    public long parameterCount() {
        long total = 0;
        for (var parameter : model.getBlock().getParameters()) {
            total += parameter.getValue().getArray().size();
        }
        return total;
    }

    @Override
    public void close() {
        model.close();
    }
}
