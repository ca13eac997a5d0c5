package io.github.rnnserving.training;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.text.EncodedText;
import io.github.rnnserving.model.text.TextEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns labelled examples into model inputs, as the model's {@link InputSpec} says. */
public final class ExampleEncoder {

    private final InputSpec input;
    private final TextEncoder textEncoder;
    private final Map<String, Integer> labelIndex = new HashMap<>();

    public ExampleEncoder(InputSpec input, List<String> labels) {
        this.input = input;
        this.textEncoder = input.kind() == InputKind.TEXT ? input.textEncoder() : null;
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
        return new Encoded(new LabeledInputs(inputs, java.util.Arrays.copyOf(labels, kept)), empty);
    }

    private EncodedInput encodeOne(Example example) {
        if (example instanceof TextExample text) {
            if (textEncoder == null) {
                throw new TrainingFailedException("an image model cannot read text examples");
            }
            EncodedText encoded = textEncoder.encodeDetailed(text.text());
            return encoded.isEmpty() ? null : new EncodedInput.TokenIds(encoded.ids());
        }
        ImageExample image = (ImageExample) example;
        if (input.kind() != InputKind.IMAGE_ROWS) {
            throw new TrainingFailedException("a text model cannot read image examples");
        }
        if (image.rows() != input.rows() || image.columns() != input.columns()) {
            throw new TrainingFailedException("image of " + image.rows() + "x" + image.columns() + " for a model of "
                    + input.rows() + "x" + input.columns());
        }
        return new EncodedInput.PixelRows(image.pixels(), image.rows(), image.columns());
    }

    /** Inputs with labels, and how many texts were left out for having no tokens. */
    public record Encoded(LabeledInputs data, int emptyTexts) {}
}
