package dev.unstacker.api;

/** A model folder is missing, truncated, tampered with or written by an incompatible version. */
public class ModelFormatException extends UnstackerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the part of the model folder and what is wrong with it.
     *
     * @param message the detail message
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause.
     *
     * @param message the detail message
     * @param cause the underlying failure
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
