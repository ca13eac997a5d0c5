package io.github.rnnserving.model;

import io.github.rnnserving.data.Example;

/**
 * Turns labelled examples into steps, as one {@link InputSpec} says; training, evaluation and the
 * comparison of versions all encode through it, so they read examples the way requests are read.
 * Immutable and safe to share between threads.
 */
public interface InputEncoder {

    /**
     * The example as steps, or null when it has none (a text with no tokens after normalisation).
     *
     * @throws IllegalArgumentException when the model cannot read this kind or shape of example
     */
    EncodedInput encode(Example example);

    /** What is read instead of an example with no steps when every example must get an answer. */
    EncodedInput standIn();
}
