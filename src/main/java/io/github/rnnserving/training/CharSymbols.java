package io.github.rnnserving.training;

import io.github.rnnserving.model.text.Tokenizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The symbols a character model predicts: the end symbol (id 0), the unknown symbol (id 1), which
 * stands for every character the training texts lack, then the training characters in code point
 * order. Texts are cut as the generator cuts them, one token per code point after NFKC.
 */
final class CharSymbols {

    static final String END = "</s>";
    static final String UNKNOWN = "<unk>";
    static final int END_ID = 0;
    static final int UNKNOWN_ID = 1;

    private final Tokenizer tokenizer;
    private final List<String> symbols;
    private final Map<String, Integer> ids = new HashMap<>();

    private CharSymbols(Tokenizer tokenizer, List<String> symbols) {
        this.tokenizer = tokenizer;
        this.symbols = List.copyOf(symbols);
        for (int i = 0; i < symbols.size(); i++) {
            ids.put(symbols.get(i), i);
        }
    }

    static CharSymbols fit(Tokenizer tokenizer, Collection<String> trainingTexts) {
        TreeSet<String> characters = new TreeSet<>();
        for (String text : trainingTexts) {
            characters.addAll(tokenizer.tokenize(text));
        }
        List<String> symbols = new ArrayList<>(List.of(END, UNKNOWN));
        symbols.addAll(characters);
        return new CharSymbols(tokenizer, symbols);
    }

    int size() {
        return symbols.size();
    }

    String symbol(int id) {
        return symbols.get(id);
    }

    /** The text's symbol ids followed by the end symbol; an empty array for a text with no characters. */
    int[] encode(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        if (tokens.isEmpty()) {
            return new int[0];
        }
        int[] encoded = new int[tokens.size() + 1];
        for (int i = 0; i < tokens.size(); i++) {
            encoded[i] = ids.getOrDefault(tokens.get(i), UNKNOWN_ID);
        }
        encoded[tokens.size()] = END_ID;
        return encoded;
    }
}
