package io.github.rnnserving.model.text;

import java.util.Locale;

/** How a {@link Tokenizer} cuts text into tokens. */
public enum TokenizerKind {
    /** One token per Unicode code point; suits names and short strings. */
    CHARACTERS,
    /** Unicode word boundaries; suits sentences and reviews. */
    WORDS;

    /** The spelling the command line and the job API show and accept. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The one parser of {@code --tokens} and {@code "tokens"}: {@code characters} or {@code words},
     * any case; {@code chars}, {@code char} and {@code word} stay accepted because older commands
     * and scripts use them.
     */
    public static TokenizerKind of(String id) {
        return switch (id == null ? "" : id.toLowerCase(Locale.ROOT)) {
            case "characters", "chars", "char" -> CHARACTERS;
            case "words", "word" -> WORDS;
            default -> throw new IllegalArgumentException("unknown tokens '" + id + "': expected characters or words");
        };
    }
}
