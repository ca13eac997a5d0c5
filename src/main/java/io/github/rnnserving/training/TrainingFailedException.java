package io.github.rnnserving.training;

/** A run that cannot go on, with the reason a user can act on. */
public class TrainingFailedException extends RuntimeException {

    public TrainingFailedException(String message) {
        super(message);
    }

    public TrainingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
