package io.github.rnnserving.model.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed mapping between tokens and the integer ids fed to an embedding layer.
 *
 * <p>Id {@value #PADDING_INDEX} is {@value #PADDING_TOKEN}, used to pad a batch of sequences to
 * one length, and id {@value #UNKNOWN_INDEX} is {@value #UNKNOWN_TOKEN}, which every token absent
 * from the vocabulary maps to. Instances are immutable and safe to read from many threads.
 */
public final class Vocabulary {

    public static final String PADDING_TOKEN = "<pad>";
    public static final String UNKNOWN_TOKEN = "<unk>";
    public static final int PADDING_INDEX = 0;
    public static final int UNKNOWN_INDEX = 1;
    /**
     * A generator's end of text, id {@value #END_INDEX} in its vocabulary: the token it predicts
     * after the last character, and the one it reads first (the start of every text).
     */
    public static final String END_TOKEN = "</s>";

    public static final int END_INDEX = 2;

    private static final int SPECIAL_TOKEN_COUNT = 2;

    private final List<String> tokens;
    private final Map<String, Integer> indexByToken;

    private Vocabulary(List<String> tokens, Map<String, Integer> indexByToken) {
        this.tokens = tokens;
        this.indexByToken = indexByToken;
    }

    /**
     * Builds a vocabulary from tokenised training texts.
     *
     * <p>Tokens seen at least {@code minFrequency} times are kept, most frequent first and ties
     * broken by {@link String#compareTo} so that the same corpus always yields the same ids. The
     * list is cut so that the vocabulary, both special tokens included, has at most {@code maxSize}
     * entries. Occurrences of the literal special tokens in the corpus are not counted: they
     * already have their ids.
     *
     * @throws IllegalArgumentException if {@code minFrequency < 1} or {@code maxSize < 2}
     */
    public static Vocabulary build(Iterable<List<String>> tokenizedTexts, int minFrequency, int maxSize) {
        Objects.requireNonNull(tokenizedTexts, "tokenizedTexts");
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be >= 1, got " + minFrequency);
        }
        if (maxSize < SPECIAL_TOKEN_COUNT) {
            throw new IllegalArgumentException("maxSize must be >= " + SPECIAL_TOKEN_COUNT + " to hold " + PADDING_TOKEN
                    + " and " + UNKNOWN_TOKEN + ", got " + maxSize);
        }
        Map<String, Long> counts = new HashMap<>();
        for (List<String> text : tokenizedTexts) {
            for (String token : text) {
                Objects.requireNonNull(token, "token");
                if (!isSpecial(token)) {
                    counts.merge(token, 1L, Long::sum);
                }
            }
        }
        List<String> tokens = new ArrayList<>();
        tokens.add(PADDING_TOKEN);
        tokens.add(UNKNOWN_TOKEN);
        counts.entrySet().stream()
                .filter(entry -> entry.getValue() >= minFrequency)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxSize - SPECIAL_TOKEN_COUNT)
                .forEach(entry -> tokens.add(entry.getKey()));
        return fromTokens(tokens);
    }

    /**
     * A generator's vocabulary: {@value #PADDING_TOKEN}, {@value #UNKNOWN_TOKEN}, {@value #END_TOKEN},
     * then the tokens of the training texts as {@link #build} orders them.
     */
    public static Vocabulary forGenerator(Iterable<List<String>> tokenizedTexts, int minFrequency, int maxSize) {
        List<String> tokens = new ArrayList<>(List.of(PADDING_TOKEN, UNKNOWN_TOKEN, END_TOKEN));
        for (String token : build(tokenizedTexts, minFrequency, maxSize).tokens()) {
            if (!isSpecial(token) && !END_TOKEN.equals(token) && tokens.size() < maxSize) {
                tokens.add(token);
            }
        }
        return fromTokens(tokens);
    }

    /** Whether this vocabulary has a generator's end token at {@value #END_INDEX}. */
    public boolean hasEndToken() {
        return tokens.size() > END_INDEX && END_TOKEN.equals(tokens.get(END_INDEX));
    }

    /**
     * Restores a vocabulary from its {@link #tokens()} list, for example one read from a model
     * file.
     *
     * @throws IllegalArgumentException if the list does not start with {@value #PADDING_TOKEN}
     *     and {@value #UNKNOWN_TOKEN}, or holds a null or a duplicate token
     */
    public static Vocabulary fromTokens(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.size() < SPECIAL_TOKEN_COUNT
                || !PADDING_TOKEN.equals(tokens.get(PADDING_INDEX))
                || !UNKNOWN_TOKEN.equals(tokens.get(UNKNOWN_INDEX))) {
            throw new IllegalArgumentException("a vocabulary must start with [" + PADDING_TOKEN + ", " + UNKNOWN_TOKEN
                    + "], got " + tokens.subList(0, Math.min(tokens.size(), 2)));
        }
        Map<String, Integer> indexByToken = new HashMap<>(tokens.size() * 2);
        for (int index = 0; index < tokens.size(); index++) {
            String token = tokens.get(index);
            if (token == null) {
                throw new IllegalArgumentException("token at index " + index + " is null");
            }
            Integer previous = indexByToken.putIfAbsent(token, index);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "duplicate token '" + token + "' at indices " + previous + " and " + index);
            }
        }
        return new Vocabulary(List.copyOf(tokens), Map.copyOf(indexByToken));
    }

    private static boolean isSpecial(String token) {
        return PADDING_TOKEN.equals(token) || UNKNOWN_TOKEN.equals(token);
    }

    /** Number of tokens, both special tokens included. */
    public int size() {
        return tokens.size();
    }

    public boolean contains(String token) {
        return indexByToken.containsKey(token);
    }

    /** The id of {@code token}, or {@value #UNKNOWN_INDEX} when it is not in the vocabulary. */
    public int indexOf(String token) {
        return indexByToken.getOrDefault(token, UNKNOWN_INDEX);
    }

    public long[] encode(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        long[] ids = new long[tokens.size()];
        for (int position = 0; position < ids.length; position++) {
            ids[position] = indexOf(tokens.get(position));
        }
        return ids;
    }

    /** @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())} */
    public String tokenAt(int index) {
        return tokens.get(index);
    }

    /** All tokens in id order; unmodifiable, and what {@link #fromTokens} expects back. */
    public List<String> tokens() {
        return tokens;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vocabulary vocabulary && tokens.equals(vocabulary.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + tokens.size() + "]";
    }
}
