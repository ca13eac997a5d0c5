package io.github.rnnserving.model.text;

/**
 * A piece of a streamed text that cannot be tokenized on its own without changing the tokens the
 * whole text would give. The message is written for a client (it becomes a problem detail): why the
 * split does not work and what to send instead.
 */
public class UnsplittablePieceException extends IllegalArgumentException {

    UnsplittablePieceException(String message) {
        super(message);
    }
}
