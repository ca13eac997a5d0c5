package io.github.rnnserving.classify;

import io.github.rnnserving.model.EncodedInput;
import java.util.List;

/** A checked input: its encoded steps, and for text the token each step read (null for images). */
record ClassifyInput(EncodedInput encoded, List<String> tokens) {

    int length() {
        return encoded.length();
    }

    /** What step {@code step} (from 1) read, for explain's answer: the token, or nothing for an image row. */
    String stepLabel(int step) {
        return tokens != null ? tokens.get(step - 1) : null;
    }
}
