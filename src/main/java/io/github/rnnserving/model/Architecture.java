package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.rnnserving.model.text.TutorialLetters;

/**
 * The shape of a recurrent classifier. For an {@link InputKind#embedded() embedded} kind (text) the
 * input is token ids from a vocabulary of {@code vocabularySize} embedded into {@code inputSize}
 * features; otherwise (image rows) each step is a vector of {@code inputSize} features (one image
 * row's pixels) and {@code vocabularySize} is 0.
 *
 * <p>The three dropouts act only while training: {@code dropout} between stacked layers, {@code
 * inputDropout} on each step's input (the embeddings or image rows), {@code outputDropout} on the
 * summary the linear head reads. The last two are absent from bundles written before they existed,
 * and absent means 0.
 */
public record Architecture(
        InputKind inputKind,
        CellType cell,
        int layers,
        int hiddenSize,
        boolean bidirectional,
        float dropout,
        Float inputDropout,
        Float outputDropout,
        Summary summary,
        int inputSize,
        int vocabularySize,
        int classes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer conditions) {

    public static final int MAX_LAYERS = 4;

    /** A classifier's architecture: no conditions (those feed a generator's every step). */
    public Architecture(
            InputKind inputKind,
            CellType cell,
            int layers,
            int hiddenSize,
            boolean bidirectional,
            float dropout,
            Float inputDropout,
            Float outputDropout,
            Summary summary,
            int inputSize,
            int vocabularySize,
            int classes) {
        this(
                inputKind,
                cell,
                layers,
                hiddenSize,
                bidirectional,
                dropout,
                inputDropout,
                outputDropout,
                summary,
                inputSize,
                vocabularySize,
                classes,
                null);
    }

    public Architecture {
        if (cell == CellType.TUTORIAL_RNN) {
            // the tutorial fixes all of these: a manifest may leave them out, and may not change them
            inputKind = inputKind == null ? InputKind.TEXT : inputKind;
            layers = layers == 0 ? 1 : layers;
            summary = summary == null ? Summary.LAST : summary;
            inputSize = inputSize == 0 ? TutorialLetters.COUNT : inputSize;
            vocabularySize = vocabularySize == 0 ? TutorialLetters.VOCABULARY.size() : vocabularySize;
            requireTutorial(inputKind, layers, bidirectional, dropout, inputDropout, outputDropout, summary);
            require(
                    inputSize == TutorialLetters.COUNT,
                    "inputSize must be " + TutorialLetters.COUNT + " for the tutorial-rnn cell: it reads each letter"
                            + " one-hot, without an embedding");
            require(
                    vocabularySize == TutorialLetters.VOCABULARY.size(),
                    "vocabularySize must be " + TutorialLetters.VOCABULARY.size()
                            + " for the tutorial-rnn cell (<pad>, <unk> and the tutorial's letters)");
        }
        require(inputKind != null, "inputKind is required");
        require(cell != null, "cell is required");
        require(summary != null, "summary is required");
        require(layers >= 1 && layers <= MAX_LAYERS, "layers must be 1 to " + MAX_LAYERS);
        require(hiddenSize >= 1 && hiddenSize <= 4096, "hiddenSize must be 1 to 4096");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
        inputDropout = inputDropout == null ? 0f : inputDropout;
        outputDropout = outputDropout == null ? 0f : outputDropout;
        require(inputDropout >= 0 && inputDropout < 1, "inputDropout must be in [0, 1)");
        require(outputDropout >= 0 && outputDropout < 1, "outputDropout must be in [0, 1)");
        require(inputSize >= 1, "inputSize must be positive");
        require(conditions == null || conditions >= 0, "conditions must be 0 or more");
        require(classes >= 2, "classes must be at least 2");
        if (inputKind.embedded()) {
            require(vocabularySize >= 2, inputKind.id() + " models need a vocabulary of at least 2 tokens");
        } else {
            require(vocabularySize == 0, inputKind.id() + " models have no vocabulary");
        }
    }

    private static void requireTutorial(
            InputKind inputKind,
            int layers,
            boolean bidirectional,
            float dropout,
            Float inputDropout,
            Float outputDropout,
            Summary summary) {
        require(inputKind == InputKind.TEXT, "inputKind must be text for the tutorial-rnn cell, which reads letters");
        require(layers == 1, "layers must be 1 for the tutorial-rnn cell");
        require(!bidirectional, "bidirectional must be false for the tutorial-rnn cell, which reads forwards");
        require(
                dropout == 0
                        && (inputDropout == null || inputDropout == 0)
                        && (outputDropout == null || outputDropout == 0),
                "dropout must be 0 for the tutorial-rnn cell, which is never trained here");
        require(
                summary == Summary.LAST,
                "summary must be last for the tutorial-rnn cell, which answers after the last letter");
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /**
     * Categories a generator reads beside every step (one-hot, concatenated to the step's
     * embedding): the language of a name, the polarity of a review; 0 for none and for classifiers.
     */
    public int conditionCount() {
        return conditions == null ? 0 : conditions;
    }

    /** Width of the vector the summary hands to the linear head. */
    public int summarySize() {
        return hiddenSize * directions();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
