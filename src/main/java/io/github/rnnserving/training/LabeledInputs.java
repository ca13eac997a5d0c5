package io.github.rnnserving.training;

import io.github.rnnserving.model.EncodedInput;
import java.util.List;

/** Encoded inputs with their label indices, aligned by position. */
public record LabeledInputs(List<EncodedInput> inputs, int[] labels) {

    public LabeledInputs {
        inputs = List.copyOf(inputs);
        if (inputs.size() != labels.length) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
