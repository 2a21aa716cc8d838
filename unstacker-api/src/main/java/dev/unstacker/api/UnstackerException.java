package dev.unstacker.api;

/** A problem with data or model files that the caller can fix, such as a missing or damaged file. */
public class UnstackerException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that states what failed and what to do next.
     *
     * @param message the detail message
     */
    public UnstackerException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause.
     *
     * @param message the detail message
     * @param cause the underlying failure
     */
    public UnstackerException(String message, Throwable cause) {
        super(message, cause);
    }
}
