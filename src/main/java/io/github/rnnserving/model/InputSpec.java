package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.model.text.Vocabulary;
import java.util.List;

/**
 * How raw input becomes steps, stored in {@code model.json}: for text the tokenizer, the Unicode
 * normalisation, the maximum length and the vocabulary; for image rows the image size (pixels are
 * scaled from 0–255 to [0, 1]).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(
        InputKind kind,
        TokenizerKind tokens,
        Normalization normalization,
        Boolean lowerCase,
        Integer maxLength,
        List<String> vocabulary,
        Integer rows,
        Integer columns) {

    public static InputSpec text(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength) {
        return new InputSpec(
                InputKind.TEXT,
                tokenizer.kind(),
                tokenizer.normalization(),
                tokenizer.lowerCase(),
                maxLength,
                vocabulary.tokens(),
                null,
                null);
    }

    public static InputSpec imageRows(int rows, int columns) {
        return new InputSpec(InputKind.IMAGE_ROWS, null, null, null, null, null, rows, columns);
    }

    public InputSpec {
        if (kind == null) {
            throw new IllegalArgumentException("input kind is required");
        }
        if (kind == InputKind.TEXT
                && (tokens == null || normalization == null || maxLength == null || vocabulary == null)) {
            throw new IllegalArgumentException("a text input needs tokens, normalization, maxLength and vocabulary");
        }
        if (kind == InputKind.IMAGE_ROWS && (rows == null || columns == null)) {
            throw new IllegalArgumentException("an image-rows input needs rows and columns");
        }
    }

    /** The encoder for text input; builds the vocabulary index, so callers keep the result. */
    public TextEncoder textEncoder() {
        if (kind != InputKind.TEXT) {
            throw new IllegalStateException("not a text input");
        }
        Tokenizer tokenizer = new Tokenizer(tokens, normalization, lowerCase != null && lowerCase);
        return new TextEncoder(tokenizer, Vocabulary.fromTokens(vocabulary), maxLength);
    }

    /** Features per step the recurrent layer sees before any embedding. */
    public int vocabularySize() {
        return kind == InputKind.TEXT ? vocabulary.size() : 0;
    }
}
