package io.github.rnnserving.model.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The letters of PyTorch's classic character-RNN tutorial: {@code string.ascii_letters + " .,;'"},
 * {@code a}–{@code z}, {@code A}–{@code Z}, space, {@code .}, {@code ,}, {@code ;} and {@code '},
 * 57 in all, in that order (a letter's position is its column in the tutorial's one-hot input).
 * The tutorial keeps, of a text decomposed by NFD, only these characters: combining marks go (é
 * becomes e), and so does everything else (ß, Ø, digits, hyphens, tabs), each space is kept as
 * it is.
 */
public final class TutorialLetters {

    public static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;'";
    public static final int COUNT = LETTERS.length();
    /**
     * A vocabulary of this service that reads the letters: the two tokens every vocabulary starts
     * with, then the letters in the tutorial's order, so letter {@code i} is id {@code i + 2}.
     */
    public static final List<String> VOCABULARY = vocabulary();

    private TutorialLetters() {}

    /** The letters the tutorial keeps of a text already in NFD, one token each. */
    static List<String> tokens(String decomposed) {
        List<String> tokens = new ArrayList<>(decomposed.length());
        // every letter is one UTF-16 unit, and no unit of a surrogate pair is a letter
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (LETTERS.indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
            }
        }
        return tokens;
    }

    private static List<String> vocabulary() {
        List<String> tokens = new ArrayList<>(COUNT + 2);
        tokens.add(Vocabulary.PADDING_TOKEN);
        tokens.add(Vocabulary.UNKNOWN_TOKEN);
        for (int i = 0; i < COUNT; i++) {
            tokens.add(String.valueOf(LETTERS.charAt(i)));
        }
        return List.copyOf(tokens);
    }
}
