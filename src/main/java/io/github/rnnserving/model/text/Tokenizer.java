package io.github.rnnserving.model.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns text into tokens: normalises it, then cuts it by code point or by word.
 *
 * <p>{@link TokenizerKind#CHARACTERS} yields one token per code point, never per UTF-16 unit, so
 * a surrogate pair such as {@code 𠀀} or an emoji stays one token. Whitespace is kept as a single
 * {@code " "} token because word boundaries matter (a space inside a name, or between words of a
 * sentence); runs of whitespace collapse to one and the ends are trimmed.
 *
 * <p>{@link TokenizerKind#WORDS} uses {@link BreakIterator#getWordInstance(Locale)} with {@link
 * Locale#ROOT}, drops whitespace-only segments and keeps punctuation such as {@code "!"} and
 * {@code "?"} as tokens because they carry sentiment. The JDK's word rules do not segment Chinese:
 * a run of ideographs comes back as one segment, so {@code "这家酒店很好"} would be a single,
 * almost always unknown, token. Ideographs are therefore split into one token each (no
 * dictionary segmenter is on the classpath); Latin runs inside Chinese text stay whole, and
 * Japanese kana runs are left as the JDK cuts them (per script run).
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param kind how to cut the text
 * @param normalization applied before cutting
 * @param lowerCase whether tokens are lower-cased with {@link Locale#ROOT}
 */
public record Tokenizer(TokenizerKind kind, Normalization normalization, boolean lowerCase) {

    private static final String SPACE = " ";

    public Tokenizer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalization, "normalization");
        if (kind == TokenizerKind.TUTORIAL_LETTERS && (normalization != Normalization.NFD || lowerCase)) {
            // the tutorial decomposes accents to keep their base letters, and keeps capitals
            throw new IllegalArgumentException("tutorial letters are read after NFD, without lower-casing");
        }
    }

    /**
     * The default for a kind: NFKC, and lower-casing only for words, because capital letters of a
     * name carry information (nationality, initials) while a shouted word means the same word.
     */
    public static Tokenizer of(TokenizerKind kind) {
        if (kind == TokenizerKind.TUTORIAL_LETTERS) {
            return new Tokenizer(kind, Normalization.NFD, false);
        }
        return new Tokenizer(kind, Normalization.DEFAULT, kind == TokenizerKind.WORDS);
    }

    public static Tokenizer characters() {
        return of(TokenizerKind.CHARACTERS);
    }

    public static Tokenizer words() {
        return of(TokenizerKind.WORDS);
    }

    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        String normalized = normalization.apply(text);
        return switch (kind) {
            case CHARACTERS -> codePointTokens(caseFold(normalized));
            case WORDS -> wordTokens(normalized);
            case TUTORIAL_LETTERS -> TutorialLetters.tokens(normalized);
        };
    }

    private static List<String> codePointTokens(String text) {
        List<String> tokens = new ArrayList<>(text.length());
        boolean pendingSpace = false;
        for (int offset = 0; offset < text.length(); ) {
            int codePoint = text.codePointAt(offset);
            offset += Character.charCount(codePoint);
            if (isWhitespace(codePoint)) {
                pendingSpace = !tokens.isEmpty();
                continue;
            }
            if (pendingSpace) {
                tokens.add(SPACE);
                pendingSpace = false;
            }
            tokens.add(Character.toString(codePoint));
        }
        return tokens;
    }

    private List<String> wordTokens(String text) {
        // BreakIterator keeps state, so each call gets its own to keep the tokenizer thread-safe.
        BreakIterator boundaries = BreakIterator.getWordInstance(Locale.ROOT);
        boundaries.setText(text);
        List<String> tokens = new ArrayList<>();
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; end = boundaries.next()) {
            String segment = text.substring(start, end);
            start = end;
            if (!segment.codePoints().allMatch(Tokenizer::isWhitespace)) {
                splitIdeographs(segment, tokens);
            }
        }
        return tokens;
    }

    /** Adds each ideograph of {@code segment} as its own token and any other run as one token. */
    private void splitIdeographs(String segment, List<String> tokens) {
        int runStart = 0;
        for (int offset = 0; offset < segment.length(); ) {
            int codePoint = segment.codePointAt(offset);
            int next = offset + Character.charCount(codePoint);
            if (Character.isIdeographic(codePoint)) {
                if (runStart < offset) {
                    tokens.add(caseFold(segment.substring(runStart, offset)));
                }
                tokens.add(caseFold(segment.substring(offset, next)));
                runStart = next;
            }
            offset = next;
        }
        if (runStart < segment.length()) {
            tokens.add(caseFold(segment.substring(runStart)));
        }
    }

    private String caseFold(String token) {
        return lowerCase ? token.toLowerCase(Locale.ROOT) : token;
    }

    // isWhitespace misses no-break spaces, which survive when normalisation is NONE or NFC.
    static boolean isWhitespace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}
