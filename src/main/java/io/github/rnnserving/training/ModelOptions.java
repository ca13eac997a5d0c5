package io.github.rnnserving.training;

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
        int maxLength) {

    public ModelOptions {
        require(cell != null, "cell is required");
        require(summary != null, "summary is required");
        require(tokens != null, "tokens is required");
        require(normalization != null, "normalization is required");
        require(embeddingSize >= 1 && embeddingSize <= 4096, "embeddingSize must be 1 to 4096");
        require(minFrequency >= 1, "minFrequency must be at least 1");
        require(maxVocabulary >= 3 && maxVocabulary <= 10_000_000, "maxVocabulary must be 3 to 10000000");
        require(maxLength >= 1 && maxLength <= 100_000, "maxLength must be 1 to 100000");
    }

    public static ModelOptions defaults() {
        return new ModelOptions(
                CellType.GRU,
                1,
                128,
                false,
                0f,
                0f,
                0f,
                Summary.LAST,
                64,
                TokenizerKind.CHARACTERS,
                Normalization.NFKC,
                null,
                1,
                50_000,
                400);
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
