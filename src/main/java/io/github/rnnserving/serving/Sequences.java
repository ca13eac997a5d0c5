package io.github.rnnserving.serving;

import io.github.rnnserving.model.EncodedInput;
import java.util.List;

/**
 * A request's sequences as the queue holds them: their lengths known at once (to batch by length),
 * each built only when its batch forms. Explain's prefixes are many (an input of L steps has L),
 * and building them all up front would copy the input L times before anything runs.
 */
public interface Sequences {

    int size();

    /** Steps of sequence {@code index}, known without building it. */
    int length(int index);

    /** Sequence {@code index}, built when its batch forms. */
    EncodedInput get(int index);

    /** Sequences already built. */
    static Sequences of(List<? extends EncodedInput> inputs) {
        List<EncodedInput> copy = List.copyOf(inputs);
        return new Sequences() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public int length(int index) {
                return copy.get(index).length();
            }

            @Override
            public EncodedInput get(int index) {
                return copy.get(index);
            }
        };
    }
}
