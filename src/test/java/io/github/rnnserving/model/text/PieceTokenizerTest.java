package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.rnnserving.model.text.PieceTokenizer.Carry;
import io.github.rnnserving.model.text.PieceTokenizer.Piece;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PieceTokenizerTest {

    private static final PieceTokenizer CHARACTERS = new PieceTokenizer(Tokenizer.characters());
    private static final PieceTokenizer WORDS = new PieceTokenizer(Tokenizer.words());
    private static final PieceTokenizer LOWER_CHARACTERS =
            new PieceTokenizer(new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NFKC, true));

    @Test
    void namePiecesGiveTheTokensOfTheWholeName() {
        assertThat(feed(CHARACTERS, "Naka", "mu", "ra")).isEqualTo(List.of("N", "a", "k", "a", "m", "u", "r", "a"));
    }

    @Test
    void whitespaceBetweenPiecesBecomesOneSpaceToken() {
        assertThat(feed(CHARACTERS, "van ", " ", "\tDyk ")).isEqualTo(List.of("v", "a", "n", " ", "D", "y", "k"));
        assertThat(feed(CHARACTERS, "van", " Dyk")).isEqualTo(List.of("v", "a", "n", " ", "D", "y", "k"));
    }

    @Test
    void leadingAndTrailingWhitespaceGiveNoTokens() {
        Piece blank = CHARACTERS.next(Carry.START, "  ");
        assertThat(blank.tokens()).isEmpty();
        assertThat(blank.carry()).isEqualTo(new Carry(true, false, true));

        Piece name = CHARACTERS.next(blank.carry(), "Li ");
        assertThat(name.tokens()).isEqualTo(List.of("L", "i"));
        assertThat(name.carry()).isEqualTo(new Carry(true, true, true));
    }

    @Test
    void emptyPieceChangesNothing() {
        Carry carry = new Carry(true, true, true);

        assertThat(CHARACTERS.next(carry, "")).isEqualTo(new Piece(List.of(), carry));
        assertThat(WORDS.next(Carry.START, "")).isEqualTo(new Piece(List.of(), Carry.START));
    }

    @Test
    void refusesACombiningMarkAtTheStartOfAPiece() {
        Carry afterE = CHARACTERS.next(Carry.START, "Jose").carry();

        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(() -> CHARACTERS.next(afterE, "\u0301"))
                .withMessage("a piece cannot start with a combining mark or a Hangul vowel or final consonant:"
                        + " it joins the character before it; send it together with that character");
    }

    @Test
    void refusesWhatComposesBackwardsOnlyAfterNormalization() {
        Carry afterKa = CHARACTERS.next(Carry.START, "ｶ").carry();
        Carry afterG = CHARACTERS.next(Carry.START, "\u1100").carry();

        // half-width ﾞ becomes U+3099, and compatibility ㅏ the conjoining vowel U+1161, under NFKC
        assertThatExceptionOfType(UnsplittablePieceException.class).isThrownBy(() -> CHARACTERS.next(afterKa, "ﾞ"));
        assertThatExceptionOfType(UnsplittablePieceException.class).isThrownBy(() -> CHARACTERS.next(afterG, "ㅏ"));
        assertThatExceptionOfType(UnsplittablePieceException.class).isThrownBy(() -> CHARACTERS.next(afterG, "\u1161"));
        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(
                        () -> CHARACTERS.next(CHARACTERS.next(Carry.START, "가").carry(), "\u11A8"));
    }

    @Test
    void firstPieceMayStartWithAMark() {
        assertThat(CHARACTERS.next(Carry.START, "\u0301a").tokens()).isEqualTo(List.of("\u0301", "a"));
    }

    @Test
    void withoutNormalizationMarksMaySplit() {
        PieceTokenizer raw = new PieceTokenizer(new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NONE, false));

        assertThat(feed(raw, "Jose", "\u0301")).isEqualTo(List.of("J", "o", "s", "e", "\u0301"));
    }

    @Test
    void wordsSplitOnlyAtSpaces() {
        assertThat(feed(WORDS, "a charming ", "and often", " affecting journey"))
                .isEqualTo(Tokenizer.words().tokenize("a charming and often affecting journey"));

        Carry afterCharm = WORDS.next(Carry.START, "a charm").carry();
        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(() -> WORDS.next(afterCharm, "ing"))
                .withMessage("this model reads words: split the text only at spaces (a piece must start with a"
                        + " space, or the piece before it must end with one)");
    }

    @Test
    void wordsRefuseAFormatCharacterRightAfterASpace() {
        PieceTokenizer raw = new PieceTokenizer(new Tokenizer(TokenizerKind.WORDS, Normalization.NONE, true));
        Carry afterSpace = raw.next(Carry.START, "ok ").carry();

        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(() -> raw.next(afterSpace, "\u200Dgo"))
                .withMessage("a combining mark or an invisible format character (such as a zero-width joiner) that"
                        + " follows a space belongs to that space for the word reader, so a piece can neither start"
                        + " nor end with one there; send it together with the text around it");
        // " \u200D " would be one segment with the space of the next piece
        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(() -> raw.next(Carry.START, "ok \u200D"))
                .withMessageContaining("neither start nor end");
        assertThatExceptionOfType(UnsplittablePieceException.class).isThrownBy(() -> raw.next(Carry.START, "\u200D"));
        assertThat(feed(raw, "ok\u200D", " go")).isEqualTo(raw.tokenizer().tokenize("ok\u200D go"));
        // inside one piece the joiner stays with the space, as in the whole text
        assertThat(feed(raw, "ok", " \u200Dgo")).isEqualTo(raw.tokenizer().tokenize("ok \u200Dgo"));
    }

    @Test
    void lowerCasingRefusesASigmaAtEitherEdge() {
        String message = "this model lower-cases text, and a capital sigma (Σ) becomes ς or σ depending on the"
                + " letters around it, so a piece cannot start or end with it when the next or previous letter"
                + " is in another piece; split the text at a space or between other letters";
        Carry afterAlpha = LOWER_CHARACTERS.next(Carry.START, "ΟΔΟ").carry();

        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(() -> LOWER_CHARACTERS.next(Carry.START, "ΟΔΟΣ"))
                .withMessage(message);
        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(() -> LOWER_CHARACTERS.next(afterAlpha, "1Σ1"))
                .withMessage(message);
        assertThatExceptionOfType(UnsplittablePieceException.class)
                .isThrownBy(() -> LOWER_CHARACTERS.next(Carry.START, "ΑΣא"))
                .withMessage(message);
    }

    @Test
    void lowerCasingAcceptsASigmaThatStartsAWordOrIsFollowedBySpace() {
        assertThat(feed(LOWER_CHARACTERS, "ΟΔΟΣ ", "ΣΑΣ ", "ΑΣ "))
                .isEqualTo(LOWER_CHARACTERS.tokenizer().tokenize("ΟΔΟΣ ΣΑΣ ΑΣ"));
        assertThat(feed(LOWER_CHARACTERS, "ΟΔ", "ΟΣ ")).containsExactly("ο", "δ", "ο", "ς");
        // Σ in the middle of a piece keeps its context inside the piece
        assertThat(feed(CHARACTERS, "ΟΣΑ", "Σ")).containsExactly("Ο", "Σ", "Α", "Σ");
    }

    @Test
    void tutorialLettersAreNotReadInPieces() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PieceTokenizer(Tokenizer.of(TokenizerKind.TUTORIAL_LETTERS)))
                .withMessage("tutorial letters are not read in pieces");
    }

    @Test
    void carryRoundTripsThroughItsBits() {
        List<Carry> reachable = List.of(
                Carry.START, new Carry(true, false, false), new Carry(true, false, true), new Carry(true, true, true));

        for (Carry carry : reachable) {
            assertThat(Carry.ofBits(carry.bits())).isEqualTo(carry);
        }
        assertThat(reachable.stream().map(Carry::bits).distinct()).hasSize(4);
        assertThat(Carry.START.bits()).isZero();
    }

    @Test
    void carryRefusesUnknownOrImpossibleBits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Carry.ofBits(8))
                .withMessage("unknown bits in a stored piece state: 8");
        assertThatIllegalArgumentException().isThrownBy(() -> Carry.ofBits(-1));
        // a space owed without whitespace, whitespace before any piece
        assertThatIllegalArgumentException().isThrownBy(() -> Carry.ofBits(3));
        assertThatIllegalArgumentException().isThrownBy(() -> Carry.ofBits(4));
    }

    /** The tokens of all parts, or null when one is refused. */
    static List<String> feedOrNull(PieceTokenizer pieces, List<String> parts) {
        try {
            return feed(pieces, parts.toArray(String[]::new));
        } catch (UnsplittablePieceException refused) {
            return null;
        }
    }

    static List<String> feed(PieceTokenizer pieces, String... texts) {
        List<String> tokens = new ArrayList<>();
        Carry carry = Carry.START;
        for (String text : texts) {
            Piece piece = pieces.next(carry, text);
            tokens.addAll(piece.tokens());
            carry = piece.carry();
        }
        return tokens;
    }
}
