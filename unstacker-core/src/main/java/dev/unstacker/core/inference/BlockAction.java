package dev.unstacker.core.inference;

import dev.unstacker.core.model.SeparatorNet;

/**
 * Work on a runtime's network, such as saving its parameters, that {@link SeparatorRuntime#close}
 * must not interrupt.
 *
 * @param <E> the checked exception the work may throw
 */
@FunctionalInterface
public interface BlockAction<E extends Exception> {

    /**
     * Runs the work. The network's parameters are frozen and shared with running separations, so
     * the work must only read them.
     *
     * @param block the runtime's network
     * @throws E if the work fails
     */
    void accept(SeparatorNet block) throws E;
}
