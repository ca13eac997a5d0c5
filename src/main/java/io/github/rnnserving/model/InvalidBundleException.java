package io.github.rnnserving.model;

/** A model folder that cannot be loaded: missing, corrupt or inconsistent files. */
public class InvalidBundleException extends RuntimeException {

    public InvalidBundleException(String message) {
        super(message);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
