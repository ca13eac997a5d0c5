package io.github.rnnserving.training;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.InputEncoder;
import io.github.rnnserving.model.InputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns labelled examples into model inputs and label ids, with the encoder of the model's {@link InputSpec}. */
public final class ExampleEncoder {

    private final InputEncoder encoder;
    private final Map<String, Integer> labelIndex = new HashMap<>();

    public ExampleEncoder(InputSpec input, List<String> labels) {
        this.encoder = input.encoder();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }
    }

    /** Encoded examples; a text with no tokens (after normalisation) cannot be a sequence and is left out. */
    public Encoded encode(List<? extends Example> examples) {
        List<EncodedInput> inputs = new ArrayList<>(examples.size());
        int[] labels = new int[examples.size()];
        int kept = 0;
        int empty = 0;
        for (Example example : examples) {
            Integer label = labelIndex.get(example.label());
            if (label == null) {
                throw new TrainingFailedException("label '" + example.label() + "' is not one of the model's labels");
            }
            EncodedInput encoded = encodeOne(example);
            if (encoded == null) {
                empty++;
                continue;
            }
            inputs.add(encoded);
            labels[kept++] = label;
        }
        return new Encoded(new LabeledInputs(inputs, Arrays.copyOf(labels, kept)), empty);
    }

    private EncodedInput encodeOne(Example example) {
        try {
            return encoder.encode(example);
        } catch (IllegalArgumentException e) {
            throw new TrainingFailedException(e.getMessage());
        }
    }

    /** Inputs with labels, and how many texts were left out for having no tokens. */
    public record Encoded(LabeledInputs data, int emptyTexts) {}
}
