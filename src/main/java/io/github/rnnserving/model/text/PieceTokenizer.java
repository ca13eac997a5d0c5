package io.github.rnnserving.model.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tokenizes a text that arrives in pieces ({@code "Naka"}, {@code "mu"}, {@code "ra"}) so that a
 * unidirectional network can read each piece as it comes and keep its state between them. The tokens
 * of all pieces together are exactly {@code tokenizer.tokenize(whole text)}; a piece at whose start
 * (or end) that cannot be promised is refused with an {@link UnsplittablePieceException}, never
 * tokenized differently. Between pieces only a {@link Carry} of three bits is kept.
 *
 * <p>The rules, each a seam where a split would change the tokens:
 *
 * <ul>
 *   <li><b>Normalization</b> (all forms but NONE): a piece after the first cannot start, once
 *       normalized, with a combining mark (Mn, Mc, Me) or a conjoining Hangul vowel or final
 *       consonant (U+1160–U+11FF, U+D7B0–U+D7FF), nor with a character whose decomposition starts
 *       with one: these compose or reorder with the character before them (e + U+0301 is é, half-width
 *       ｶ + ﾞ is ガ under NFKC, ᄀ + ᅡ is 가). Unicode's other backward-composing characters (Indic
 *       vowel signs such as U+0B3E) are spacing marks, so the rule covers them.
 *   <li><b>Characters</b>: whitespace is carried across pieces as within one text: a run collapses
 *       to one {@code " "} token, emitted only before the next real token and only once a token has
 *       been emitted, so a whitespace-only piece gives no tokens.
 *   <li><b>Characters, lower-cased</b>: Java lower-cases a capital sigma Σ to final ς or to σ
 *       depending on the letters of its word, so a piece is refused if its last upper-, lower- or
 *       title-case letter is Σ with only other non-whitespace characters after it, or (after the
 *       first piece) if its first such letter is Σ with only other non-whitespace characters before
 *       it, unless the piece before ended in whitespace and the Σ is the piece's first character.
 *       It is the only context-dependent lower-casing under the root locale.
 *   <li><b>Words</b>: a word cannot be split: a piece after the first must start with whitespace or
 *       follow a piece that ended in whitespace. The JDK's word iterator attaches non-spacing and
 *       enclosing marks and format characters such as a zero-width joiner (Mn, Me, Cf) to the
 *       whitespace before them, and that segment then takes in the whitespace after them too; so a
 *       piece that follows whitespace cannot start with one (after any further whitespace), and no
 *       piece can end with a run of them (and any whitespace) that follows whitespace or begins the
 *       piece.
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PieceTokenizer {

    private final Tokenizer tokenizer;

    public PieceTokenizer(Tokenizer tokenizer) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (tokenizer.kind() == TokenizerKind.TUTORIAL_LETTERS) {
            // sessions serve this service's own tokenizers; models imported from the tutorial read whole names
            throw new IllegalArgumentException("tutorial letters are not read in pieces");
        }
        this.tokenizer = tokenizer;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The tokens {@code piece} adds to the text read so far, and the carry for the next piece.
     *
     * @throws UnsplittablePieceException when the piece cannot be read apart from its neighbours
     */
    public Piece next(Carry carry, String piece) {
        Objects.requireNonNull(carry, "carry");
        Objects.requireNonNull(piece, "piece");
        if (piece.isEmpty()) {
            return new Piece(List.of(), carry);
        }
        String normalized = tokenizer.normalization().apply(piece);
        if (carry.started()) {
            PieceBoundary.requireNormalizationSeam(tokenizer.normalization(), normalized);
        }
        int last = normalized.codePointBefore(normalized.length());
        boolean endsInWhitespace = Tokenizer.isWhitespace(last);
        List<String> own = tokenizer.tokenize(piece);
        if (tokenizer.kind() == TokenizerKind.WORDS) {
            PieceBoundary.requireWordSeam(carry, normalized);
            return new Piece(own, new Carry(true, false, endsInWhitespace));
        }
        if (tokenizer.lowerCase()) {
            PieceBoundary.requireSigmaSeam(carry.started(), carry.endedInWhitespace(), normalized);
        }
        return characters(carry, normalized, own, endsInWhitespace);
    }

    /** Adds the space token the whole text would have at the seam, and carries a trailing one. */
    private static Piece characters(Carry carry, String normalized, List<String> own, boolean endsInWhitespace) {
        boolean tokensBefore = carry.hadTokens();
        boolean spaceBefore =
                carry.pendingSpace() || (tokensBefore && Tokenizer.isWhitespace(normalized.codePointAt(0)));
        List<String> tokens = own;
        if (spaceBefore && !own.isEmpty()) {
            tokens = new ArrayList<>(own.size() + 1);
            tokens.add(" ");
            tokens.addAll(own);
        }
        boolean pending = endsInWhitespace && (tokensBefore || !own.isEmpty());
        return new Piece(tokens, new Carry(true, pending, endsInWhitespace));
    }

    /**
     * What is kept between pieces, as three bits a session can store.
     *
     * @param started a non-empty piece has been read
     * @param pendingSpace characters: whitespace followed the last token and its {@code " "} token
     *     is owed to the next real token
     * @param endedInWhitespace the last non-empty piece ended, after normalization, in whitespace
     */
    public record Carry(boolean started, boolean pendingSpace, boolean endedInWhitespace) {

        public static final Carry START = new Carry(false, false, false);

        private static final int STARTED = 1;
        private static final int PENDING_SPACE = 2;
        private static final int ENDED_IN_WHITESPACE = 4;

        public Carry {
            // a space is owed only after whitespace, and whitespace only after a piece
            if ((pendingSpace && !endedInWhitespace) || (endedInWhitespace && !started)) {
                throw new IllegalArgumentException("no text can leave the pieces read so far in this state");
            }
        }

        public int bits() {
            return (started ? STARTED : 0)
                    | (pendingSpace ? PENDING_SPACE : 0)
                    | (endedInWhitespace ? ENDED_IN_WHITESPACE : 0);
        }

        public static Carry ofBits(int bits) {
            if ((bits & ~(STARTED | PENDING_SPACE | ENDED_IN_WHITESPACE)) != 0) {
                throw new IllegalArgumentException("unknown bits in a stored piece state: " + bits);
            }
            return new Carry((bits & STARTED) != 0, (bits & PENDING_SPACE) != 0, (bits & ENDED_IN_WHITESPACE) != 0);
        }

        /**
         * Characters: whether a token has been emitted. A piece that ends in a non-whitespace code
         * point emits it; one that ends in whitespace owes a space exactly when a token came before.
         */
        boolean hadTokens() {
            return started && (pendingSpace || !endedInWhitespace);
        }
    }

    /** The tokens a piece adds (possibly none) and the carry for the next piece. */
    public record Piece(List<String> tokens, Carry carry) {

        public Piece {
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(carry, "carry");
        }
    }
}
