package io.github.rnnserving.web;

/** No model (or no such version) of that name: answered 404. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
