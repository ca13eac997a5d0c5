package io.github.rnnserving.model.text;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.InputEncoder;
import java.util.List;
import java.util.Objects;

/**
 * Text to token ids, the way a model saw them in training: tokenise, look up, keep the first
 * {@code maxLength} ids. Padding is left to whoever batches sequences, since it depends on the
 * batch. Immutable and safe to share between threads. The {@link InputEncoder} of a {@link
 * io.github.rnnserving.model.TextInputSpec}.
 *
 * @param tokenizer cuts text into tokens
 * @param vocabulary maps tokens to ids
 * @param maxLength the most ids one text yields; later tokens are dropped
 */
public record TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength) implements InputEncoder {

    public TextEncoder {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(vocabulary, "vocabulary");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
        }
    }

    /** The ids of the first {@code maxLength} tokens of {@code text}; empty if it has none. */
    public long[] encode(String text) {
        return encodeDetailed(text).ids();
    }

    /** Like {@link #encode}, and also says whether the text was cut and how much was unknown. */
    public EncodedText encodeDetailed(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        // Training and serving share this cut, so a served text is truncated as the model saw it.
        List<String> kept = tokens.subList(0, Math.min(tokens.size(), maxLength));
        long[] ids = vocabulary.encode(kept);
        int unknownCount = 0;
        for (long id : ids) {
            if (id == Vocabulary.UNKNOWN_INDEX) {
                unknownCount++;
            }
        }
        return new EncodedText(ids, tokens.size(), unknownCount);
    }

    /** A text example's token ids; null for a text with no tokens. */
    @Override
    public EncodedInput encode(Example example) {
        if (!(example instanceof TextExample text)) {
            throw new IllegalArgumentException("a text model cannot read image examples");
        }
        long[] ids = encode(text.text());
        return ids.length == 0 ? null : new EncodedInput.TokenIds(ids);
    }

    /** One unknown token: an empty text cannot run, and will likely be answered wrong. */
    @Override
    public EncodedInput standIn() {
        return new EncodedInput.TokenIds(new long[] {Vocabulary.UNKNOWN_INDEX});
    }
}
