package io.github.rnnserving.model.text;

/** How a {@link Tokenizer} cuts text into tokens. */
public enum TokenizerKind {
    /** One token per Unicode code point; suits names and short strings. */
    CHARACTERS,
    /** Unicode word boundaries; suits sentences and reviews. */
    WORDS
}
