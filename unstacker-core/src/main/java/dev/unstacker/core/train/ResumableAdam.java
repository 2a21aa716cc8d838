package dev.unstacker.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import dev.unstacker.api.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam with β₁ = 0.9, β₂ = 0.999 and ε = 1e-8 (DJL's defaults), whose moment estimates and update
 * count can be written with a checkpoint and read back, so a resumed run continues with the
 * optimizer state it stopped with. DJL's {@code Adam} keeps that state private, so a run resumed
 * with it restarts the moments at zero.
 *
 * <p>Each update calls the engine's fused Adam step with the same arguments as DJL 0.36's
 * {@code Adam}, so both compute the same update.
 */
final class ResumableAdam extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Tracker learningRate;
    private final Map<String, NDArray> means = new ConcurrentHashMap<>();
    private final Map<String, NDArray> variances = new ConcurrentHashMap<>();
    private final Map<String, Integer> updates = new ConcurrentHashMap<>();
    private int restoredUpdates;

    /**
     * Creates the optimizer with fresh state.
     *
     * @param learningRate the learning rate at each update number, counted from 1
     */
    ResumableAdam(Tracker learningRate) {
        super(new Builder());
        this.learningRate = learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updates.merge(parameterId, restoredUpdates + 1, (count, one) -> count + 1);
        double firstCorrection = 1.0 - Math.pow(BETA1, t);
        double secondCorrection = 1.0 - Math.pow(BETA2, t);
        float rate = learningRate.getNewValue(parameterId, t);
        float correctedRate = (float) (rate * Math.sqrt(secondCorrection) / firstCorrection);
        if (!Float.isFinite(correctedRate)) {
            throw new IllegalStateException("The learning rate at update " + t + " is " + rate
                    + "; it must be a finite number");
        }
        NDArray mean = means.computeIfAbsent(parameterId, id -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, id -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(
                new NDList(weight, grad, mean, variance),
                new NDList(weight),
                rate,
                correctedRate,
                getWeightDecay(),
                rescaleGrad,
                clipGrad,
                BETA1,
                BETA2,
                EPSILON,
                true,
                false);
    }

    /**
     * Returns the number of updates made so far, restored ones included.
     *
     * @return the update count of the parameter updated most often
     */
    int updateCount() {
        return updates.values().stream().mapToInt(Integer::intValue).max().orElse(restoredUpdates);
    }

    /**
     * Writes the moment estimates of the trainable parameters to a file, in the order of
     * {@code parameters}, replacing the file atomically.
     *
     * @param file the file to write
     * @param parameters the network's parameters, in the order of {@code Block.getParameters()}
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if a trainable parameter has not been updated yet
     */
    void save(Path file, PairList<String, Parameter> parameters) throws IOException {
        NDList state = new NDList();
        for (Parameter parameter : trainable(parameters)) {
            NDArray mean = means.get(parameter.getId());
            NDArray variance = variances.get(parameter.getId());
            if (mean == null || variance == null) {
                throw new IllegalStateException("Parameter " + parameter.getName() + " has no optimizer state yet, so "
                        + "save the optimizer after at least one update");
            }
            state.add(mean);
            state.add(variance);
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            state.encode(out);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads moment estimates written by {@link #save} and continues the update count from
     * {@code updateCount}. Call it before the first update.
     *
     * @param file the file to read
     * @param updateCount the number of updates the saved state had made
     * @param parameters the network's parameters, in the order they were saved
     * @param manager the manager that owns the restored arrays
     * @throws ModelFormatException if the file is damaged or does not fit the parameters
     */
    void restore(Path file, int updateCount, PairList<String, Parameter> parameters, NDManager manager)
            throws ModelFormatException {
        if (!updates.isEmpty()) {
            throw new IllegalStateException(
                    "The optimizer has already made updates, so its saved state can no longer be restored");
        }
        List<Parameter> trainable = trainable(parameters);
        NDList state;
        try (InputStream in = Files.newInputStream(file)) {
            state = NDList.decode(manager, in);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("Cannot read the optimizer state " + file + ": " + e.getMessage()
                    + "; delete the checkpoint folder to start over", e);
        }
        if (state.size() != 2 * trainable.size()) {
            state.close();
            throw new ModelFormatException("The optimizer state " + file + " has " + state.size() + " arrays, but "
                    + trainable.size() + " trainable parameters need " + 2 * trainable.size()
                    + "; delete the checkpoint folder to start over");
        }
        for (int i = 0; i < trainable.size(); i++) {
            Parameter parameter = trainable.get(i);
            for (NDArray moment : List.of(state.get(2 * i), state.get(2 * i + 1))) {
                if (!moment.getShape().equals(parameter.getArray().getShape())) {
                    state.close();
                    throw new ModelFormatException("The optimizer state " + file + " has shape " + moment.getShape()
                            + " for parameter " + parameter.getName() + ", which has shape "
                            + parameter.getArray().getShape() + "; delete the checkpoint folder to start over");
                }
            }
        }
        for (int i = 0; i < trainable.size(); i++) {
            String id = trainable.get(i).getId();
            means.put(id, state.get(2 * i));
            variances.put(id, state.get(2 * i + 1));
        }
        restoredUpdates = updateCount;
    }

    private static List<Parameter> trainable(PairList<String, Parameter> parameters) {
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter parameter : parameters.values()) {
            if (parameter.requiresGradient()) {
                trainable.add(parameter);
            }
        }
        return trainable;
    }

    /** The base class's settings at their defaults: no rescaling, clipping or weight decay. */
    private static final class Builder extends OptimizerBuilder<Builder> {

        @Override
        protected Builder self() {
            return this;
        }
    }
}
