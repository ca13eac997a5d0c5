package io.github.rnnserving.classify;

/**
 * An uploaded image that cannot be classified: empty, not a decodable PNG or JPEG, too large or
 * of zero size. The message is written for the API caller and names no server internals, so it
 * can be returned as it is; the decoder's own exception, when there is one, is kept as the cause
 * for the logs.
 */
public final class InvalidImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidImageException(String message) {
        super(message);
    }

    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
