package io.github.rnnserving.model;

/** Weights that cannot be loaded into the declared architecture. */
public class InvalidWeightsException extends IllegalArgumentException {

    public InvalidWeightsException(String message) {
        super(message);
    }

    public InvalidWeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
