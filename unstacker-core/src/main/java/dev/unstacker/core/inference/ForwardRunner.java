package dev.unstacker.core.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.unstacker.core.model.SeparatorNet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs the network's forward pass from many threads through a predictor pool, and closes the model
 * only when no forward pass is running.
 */
final class ForwardRunner implements AutoCloseable {

    private final Model model;
    private final int sources;
    private final int height;
    private final int width;
    private final PredictorPool<List<float[]>, float[]> pool;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /**
     * Creates a runner for a model whose block is set and frozen.
     *
     * @param predictors the pool's capacity, at least 1
     */
    ForwardRunner(Model model, int sources, int height, int width, int predictors) {
        this.model = model;
        this.sources = sources;
        this.height = height;
        this.width = width;
        this.pool = new PredictorPool<>(model, () -> new MixtureTranslator(sources, height, width), predictors);
    }

    /**
     * Runs the network on checked, model-sized mixtures in forward passes of up to
     * {@link SeparatorRuntime#MAX_BATCH}, and returns the K·H·W estimates of each mixture clamped to
     * [0, 1].
     *
     * @throws IllegalStateException if the runner is closed or the engine fails
     */
    List<float[]> forward(List<float[]> mixtures) {
        List<float[]> estimates = new ArrayList<>(mixtures.size());
        // The read lock keeps close() from freeing native memory that this call still uses.
        lock.readLock().lock();
        try {
            ensureOpen();
            Predictor<List<float[]>, float[]> predictor = pool.borrow();
            try {
                for (int start = 0; start < mixtures.size(); start += SeparatorRuntime.MAX_BATCH) {
                    int end = Math.min(mixtures.size(), start + SeparatorRuntime.MAX_BATCH);
                    float[] output = predictor.predict(mixtures.subList(start, end));
                    splitInto(estimates, output, end - start);
                }
            } catch (TranslateException e) {
                throw new IllegalStateException(
                        "The PyTorch engine failed to run the separator: " + e.getMessage(), e);
            } finally {
                pool.release(predictor);
            }
        } finally {
            lock.readLock().unlock();
        }
        return estimates;
    }

    private void splitInto(List<float[]> estimates, float[] output, int count) {
        int perMixture = sources * height * width;
        for (int i = 0; i < count; i++) {
            float[] estimate = new float[perMixture];
            for (int j = 0; j < perMixture; j++) {
                estimate[j] = Math.min(1f, Math.max(0f, output[i * perMixture + j]));
            }
            estimates.add(estimate);
        }
    }

    /**
     * Runs an action while the model is open; {@link #close} waits until it returns.
     *
     * @throws IllegalStateException if the runner is closed
     */
    <E extends Exception> void whileOpen(BlockAction<E> action, SeparatorNet block) throws E {
        lock.readLock().lock();
        try {
            ensureOpen();
            action.accept(block);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Throws {@link IllegalStateException} if {@link #close} has been called. */
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(SeparatorRuntime.CLOSED);
        }
    }

    /** Returns the number of native arrays the model's manager and its predictors contain, for tests. */
    int openArrayCount() {
        return model.getNDManager().getManagedArrays().size();
    }

    boolean isClosed() {
        return closed;
    }

    /** Waits for running forward passes, then closes the predictors and the model; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pool.close();
            model.close();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
