package io.github.rnnserving.session;

/**
 * A {@code state} the service cannot continue from: empty, too long, not one of its tokens, or
 * altered. The message is written for the API caller (it fits a problem's {@code detail} as it
 * is) and never says which check failed beyond that, nor carries the cipher's own words.
 */
public final class InvalidStateTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidStateTokenException(String message) {
        super(message);
    }
}
