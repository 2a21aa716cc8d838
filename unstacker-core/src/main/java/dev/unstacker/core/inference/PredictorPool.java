package dev.unstacker.core.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Predictors shared by threads, each used by one thread at a time, because DJL predictors are not
 * thread-safe. Predictors are created on first demand, up to the capacity; a thread that finds all
 * of them busy waits until one is released.
 *
 * @param <I> the predictor's input type
 * @param <O> the predictor's output type
 */
final class PredictorPool<I, O> implements AutoCloseable {

    private final Model model;
    private final Supplier<Translator<I, O>> translators;
    private final int capacity;
    private final BlockingQueue<Predictor<I, O>> idle;
    private final List<Predictor<I, O>> created = new ArrayList<>();

    /**
     * Creates an empty pool.
     *
     * @param model the model whose block the predictors run
     * @param translators creates one translator per predictor
     * @param capacity the maximum number of predictors
     */
    PredictorPool(Model model, Supplier<Translator<I, O>> translators, int capacity) {
        this.model = model;
        this.translators = translators;
        this.capacity = capacity;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Takes an idle predictor, creates one if fewer than the capacity exist, or waits for one. The
     * caller must pass it to {@link #release} when done, also when the call fails.
     *
     * @throws IllegalStateException if the thread is interrupted while waiting
     */
    Predictor<I, O> borrow() {
        Predictor<I, O> predictor = idle.poll();
        if (predictor != null) {
            return predictor;
        }
        synchronized (created) {
            if (created.size() < capacity) {
                predictor = model.newPredictor(translators.get());
                created.add(predictor);
                return predictor;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a free predictor", e);
        }
    }

    /** Returns a borrowed predictor to the pool. */
    void release(Predictor<I, O> predictor) {
        idle.add(predictor);
    }

    /** Closes every predictor; the caller must make sure none is borrowed. */
    @Override
    public void close() {
        synchronized (created) {
            for (Predictor<I, O> predictor : created) {
                predictor.close();
            }
            created.clear();
            idle.clear();
        }
    }
}
