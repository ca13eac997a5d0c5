package io.github.rnnserving.model;

/** A TorchScript module that cannot be served: the message says, in plain words, what was tried. */
public class InvalidModuleException extends IllegalArgumentException {

    public InvalidModuleException(String message) {
        super(message);
    }
}
