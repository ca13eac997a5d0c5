package io.github.rnnserving.model.text;

import io.github.rnnserving.model.text.PieceTokenizer.Carry;
import java.util.function.IntPredicate;

/**
 * The checks at the seam between two pieces of a streamed text: each refuses a split at which
 * tokenizing the pieces one by one would give other tokens than tokenizing the whole text. They are
 * deliberately a little stricter than necessary (a refusal costs the client a resend; a silent
 * difference would feed the model a text nobody sent).
 */
final class PieceBoundary {

    static final String JOINS_PREVIOUS = "a piece cannot start with a combining mark or a Hangul vowel or final"
            + " consonant: it joins the character before it; send it together with that character";
    static final String WORDS_AT_SPACES = "this model reads words: split the text only at spaces (a piece must start"
            + " with a space, or the piece before it must end with one)";
    static final String ATTACHES_TO_SPACE = "a combining mark or an invisible format character (such as a"
            + " zero-width joiner) that follows a space belongs to that space for the word reader, so a piece can"
            + " neither start nor end with one there; send it together with the text around it";
    static final String SIGMA_AT_EDGE = "this model lower-cases text, and a capital sigma (Σ) becomes ς or σ"
            + " depending on the letters around it, so a piece cannot start or end with it when the next or"
            + " previous letter is in another piece; split the text at a space or between other letters";

    private static final int CAPITAL_SIGMA = 0x03A3;

    private PieceBoundary() {}

    /**
     * Normalization composes and reorders only backwards: a code point that combines with what
     * precedes it (a mark, a conjoining Hangul vowel or final consonant; Unicode's backward-composing
     * vowel signs such as U+0B3E are spacing marks). If the piece's first code point, and the first
     * code point of its decomposition, is neither, then normalize(a + b) = normalize(a) +
     * normalize(b). (No normalized code point decomposes to such a start in Java 17's Unicode 13;
     * the second look is for newer runtimes' data.)
     */
    static void requireNormalizationSeam(Normalization normalization, String normalized) {
        if (joinsPrevious(normalization, normalized)) {
            throw new UnsplittablePieceException(JOINS_PREVIOUS);
        }
    }

    /** Whether a piece, already in {@code normalization}'s form, could compose or reorder backwards. */
    static boolean joinsPrevious(Normalization normalization, String normalized) {
        if (normalization == Normalization.NONE) {
            return false;
        }
        int first = normalized.codePointAt(0);
        String decomposed = decompositionForm(normalization).apply(Character.toString(first));
        return joinsPrevious(first) || joinsPrevious(decomposed.codePointAt(0));
    }

    /**
     * The JDK's word iterator never breaks between two non-whitespace characters that could be one
     * word, so a seam is only safe next to whitespace. It also never breaks before a non-spacing or
     * enclosing mark or a format character (Mn, Me, Cf): after whitespace such a character joins the
     * whitespace's segment, and that segment then runs on over all the whitespace and such characters
     * that follow (two spaces, U+0301, two spaces is one segment; so is U+200D and a space at the
     * start of a text). A seam inside such a segment would cut it in two.
     */
    static void requireWordSeam(Carry carry, String normalized) {
        if (carry.started() && !carry.endedInWhitespace() && !Tokenizer.isWhitespace(normalized.codePointAt(0))) {
            throw new UnsplittablePieceException(WORDS_AT_SPACES);
        }
        int start = skip(normalized, 0, true, Tokenizer::isWhitespace);
        if (carry.started()
                && carry.endedInWhitespace()
                && start < normalized.length()
                && attachesBackwards(normalized.codePointAt(start))) {
            throw new UnsplittablePieceException(ATTACHES_TO_SPACE);
        }
        int end = skip(normalized, normalized.length(), false, Tokenizer::isWhitespace);
        int runStart = skip(normalized, end, false, PieceBoundary::attachesBackwards);
        if (runStart < end && (runStart == 0 || Tokenizer.isWhitespace(normalized.codePointBefore(runStart)))) {
            throw new UnsplittablePieceException(ATTACHES_TO_SPACE);
        }
    }

    /** The offset reached from {@code offset}, forwards or backwards, over code points that match. */
    private static int skip(String text, int offset, boolean forwards, IntPredicate matches) {
        while (forwards ? offset < text.length() : offset > 0) {
            int codePoint = forwards ? text.codePointAt(offset) : text.codePointBefore(offset);
            if (!matches.test(codePoint)) {
                break;
            }
            offset += forwards ? Character.charCount(codePoint) : -Character.charCount(codePoint);
        }
        return offset;
    }

    /**
     * Java lower-cases Σ to final ς when a cased letter precedes it and none follows it within its
     * word (ConditionalSpecialCasing's Final_Cased; the only context-dependent mapping under the root
     * locale). A seam can move that context only for a Σ that is the first or last cased letter of a
     * piece with nothing but uncased, non-whitespace characters (digits, marks, apostrophes, uncased
     * letters such as Hebrew) between it and the seam. A piece that starts with a cased letter right
     * after whitespace starts a word, so its first Σ has no context in the piece before.
     */
    static void requireSigmaSeam(boolean started, boolean previousEndedInWhitespace, String normalized) {
        boolean startsWord = previousEndedInWhitespace && isCased(normalized.codePointAt(0));
        if ((started && !startsWord && edgeCasedLetter(normalized, true) == CAPITAL_SIGMA)
                || edgeCasedLetter(normalized, false) == CAPITAL_SIGMA) {
            throw new UnsplittablePieceException(SIGMA_AT_EDGE);
        }
    }

    /** The first (or last) cased letter before any whitespace, from that end; -1 if none. */
    private static int edgeCasedLetter(String text, boolean fromStart) {
        int offset =
                skip(text, fromStart ? 0 : text.length(), fromStart, c -> !isCased(c) && !Tokenizer.isWhitespace(c));
        if (fromStart ? offset == text.length() : offset == 0) {
            return -1;
        }
        int codePoint = fromStart ? text.codePointAt(offset) : text.codePointBefore(offset);
        return isCased(codePoint) ? codePoint : -1;
    }

    // Upper, lower and title-case letters: all cased for the JDK; other cased characters (ª, ⓐ) are
    // skipped like uncased ones, which can only make the check stricter.
    private static boolean isCased(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.UPPERCASE_LETTER
                || type == Character.LOWERCASE_LETTER
                || type == Character.TITLECASE_LETTER;
    }

    static boolean joinsPrevious(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || (codePoint >= 0x1160 && codePoint <= 0x11FF) // Hangul vowels and final consonants
                || (codePoint >= 0xD7B0 && codePoint <= 0xD7FF); // Hangul Jamo Extended-B
    }

    static boolean attachesBackwards(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT;
    }

    private static Normalization decompositionForm(Normalization normalization) {
        return normalization == Normalization.NFKC || normalization == Normalization.NFKD
                ? Normalization.NFKD
                : Normalization.NFD;
    }
}
