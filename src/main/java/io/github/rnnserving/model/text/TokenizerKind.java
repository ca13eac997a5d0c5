package io.github.rnnserving.model.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** How a {@link Tokenizer} cuts text into tokens. */
public enum TokenizerKind {
    /** One token per Unicode code point; suits names and short strings. */
    CHARACTERS,
    /** Unicode word boundaries; suits sentences and reviews. */
    WORDS,
    /**
     * The letters of PyTorch's character-RNN tutorial ({@link TutorialLetters}), one token each,
     * after NFD; for models imported from that tutorial, so neither the command line nor training
     * jobs offer it.
     */
    TUTORIAL_LETTERS;

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

    /**
     * How {@code model.json} spells it: the constant's name as bundles write it ({@code
     * CHARACTERS}), in any case, or {@link #of}'s spellings; {@code tutorial-letters} is accepted for
     * {@code TUTORIAL_LETTERS}.
     */
    @JsonCreator
    public static TokenizerKind fromManifest(String id) {
        String spelled = id == null ? "" : id.replace('-', '_').toUpperCase(Locale.ROOT);
        if (spelled.equals(TUTORIAL_LETTERS.name())) {
            return TUTORIAL_LETTERS;
        }
        try {
            return of(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown tokens '" + id + "': expected CHARACTERS, WORDS or TUTORIAL_LETTERS", e);
        }
    }
}
