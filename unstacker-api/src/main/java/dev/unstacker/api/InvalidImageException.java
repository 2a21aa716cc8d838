package dev.unstacker.api;

/** An input image cannot be separated: it is empty, unreadable, too large or contains invalid values. */
public class InvalidImageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception that names the input, what was wrong and what is accepted.
     *
     * @param message the detail message
     */
    public InvalidImageException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause.
     *
     * @param message the detail message
     * @param cause the underlying failure
     */
    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
