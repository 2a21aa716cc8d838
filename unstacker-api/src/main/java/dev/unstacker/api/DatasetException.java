package dev.unstacker.api;

/** Fashion-MNIST could not be found, or a file found in its place is not the official one. */
public class DatasetException extends UnstackerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the file, what was expected and what was found.
     *
     * @param message the detail message
     */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause.
     *
     * @param message the detail message
     * @param cause the underlying failure
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
