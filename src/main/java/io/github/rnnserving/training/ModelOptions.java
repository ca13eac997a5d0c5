package io.github.rnnserving.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;

/**
 * The architecture and text handling a user chooses; the input kind, vocabulary size and number of
 * classes follow from the data. Text fields are ignored for image data.
 *
 * @param lowerCase null: lower-case words but not characters
 * @param task classify (the default) or generate: a character-level language model, conditioned on
 *     the dataset's labels unless {@code conditioned} is false; {@code summary} is then unused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelOptions(
        CellType cell,
        int layers,
        int hiddenSize,
        boolean bidirectional,
        float dropout,
        float inputDropout,
        float outputDropout,
        Summary summary,
        int embeddingSize,
        TokenizerKind tokens,
        Normalization normalization,
        Boolean lowerCase,
        int minFrequency,
        int maxVocabulary,
        int maxLength,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ModelTask.OmitClassify.class)
        ModelTask task,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ModelTask.OmitTrue.class)
        boolean conditioned) {

    public ModelOptions {
        task = task == null ? ModelTask.CLASSIFY : task;
        require(cell != null, "cell is required");
        require(cell.trainable(), "cell " + cell.id() + " is served when imported, never trained here");
        require(summary != null, "summary is required");
        require(tokens != null, "tokens is required");
        require(normalization != null, "normalization is required");
        require(embeddingSize >= 1 && embeddingSize <= 4096, "embeddingSize must be 1 to 4096");
        require(minFrequency >= 1, "minFrequency must be at least 1");
        require(maxVocabulary >= 3 && maxVocabulary <= 10_000_000, "maxVocabulary must be 3 to 10000000");
        require(maxLength >= 1 && maxLength <= 100_000, "maxLength must be 1 to 100000");
        if (task == ModelTask.GENERATE) {
            require(!bidirectional, BIDIRECTIONAL_GENERATOR);
            require(tokens == TokenizerKind.CHARACTERS, CHARACTER_GENERATOR);
        } else {
            require(conditioned, "only a generator can be trained unconditioned; a classifier learns its labels");
        }
    }

    /** Why a generator cannot read both ways: it predicts each character from the ones before it alone. */
    public static final String BIDIRECTIONAL_GENERATOR = "a generator cannot be bidirectional: it predicts each"
            + " character from the characters before it, and a backward pass would read the answer";

    public static final String CHARACTER_GENERATOR =
            "a generator reads and writes characters: tokens must be characters";

    @JsonIgnore
    public boolean isGenerator() {
        return task == ModelTask.GENERATE;
    }

    /** The defaults of the command line and the job API alike: {@link Builder}'s starting values. */
    public static ModelOptions defaults() {
        return builder().build();
    }

    /** Starts from the defaults; set what differs, by name, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Names each of the seventeen options where the positional constructor would not; its initial
     * values are the one place the defaults are written.
     */
    public static final class Builder {
        private CellType cell = CellType.GRU;
        private int layers = 1;
        private int hiddenSize = 128;
        private boolean bidirectional = false;
        private float dropout = 0f;
        private float inputDropout = 0f;
        private float outputDropout = 0f;
        private Summary summary = Summary.LAST;
        private int embeddingSize = 64;
        private TokenizerKind tokens = TokenizerKind.CHARACTERS;
        private Normalization normalization = Normalization.DEFAULT;
        private Boolean lowerCase = null;
        private int minFrequency = 1;
        private int maxVocabulary = 50_000;
        private int maxLength = 400;
        private ModelTask task = ModelTask.CLASSIFY;
        private boolean conditioned = true;

        private Builder() {}

        public Builder cell(CellType cell) {
            this.cell = cell;
            return this;
        }

        public Builder layers(int layers) {
            this.layers = layers;
            return this;
        }

        public Builder hiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        public Builder dropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder inputDropout(float inputDropout) {
            this.inputDropout = inputDropout;
            return this;
        }

        public Builder outputDropout(float outputDropout) {
            this.outputDropout = outputDropout;
            return this;
        }

        public Builder summary(Summary summary) {
            this.summary = summary;
            return this;
        }

        public Builder embeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        public Builder tokens(TokenizerKind tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder normalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        public Builder lowerCase(Boolean lowerCase) {
            this.lowerCase = lowerCase;
            return this;
        }

        public Builder minFrequency(int minFrequency) {
            this.minFrequency = minFrequency;
            return this;
        }

        public Builder maxVocabulary(int maxVocabulary) {
            this.maxVocabulary = maxVocabulary;
            return this;
        }

        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        public Builder task(ModelTask task) {
            this.task = task;
            return this;
        }

        public Builder conditioned(boolean conditioned) {
            this.conditioned = conditioned;
            return this;
        }

        public ModelOptions build() {
            return new ModelOptions(
                    cell,
                    layers,
                    hiddenSize,
                    bidirectional,
                    dropout,
                    inputDropout,
                    outputDropout,
                    summary,
                    embeddingSize,
                    tokens,
                    normalization,
                    lowerCase,
                    minFrequency,
                    maxVocabulary,
                    maxLength,
                    task,
                    conditioned);
        }
    }

    public boolean lowerCaseFor(TokenizerKind kind) {
        return lowerCase != null ? lowerCase : kind == TokenizerKind.WORDS;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
