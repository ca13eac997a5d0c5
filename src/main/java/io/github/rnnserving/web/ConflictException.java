package io.github.rnnserving.web;

/** The request clashes with the registry's state (e.g. deleting the serving version): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
