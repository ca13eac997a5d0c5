package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Every defined code point against the seam rules: what a rule accepts at the start of a piece must
 * tokenize the same after the previous piece as inside the whole text.
 */
class PieceBoundaryExhaustiveTest {

    /**
     * What precedes the seam: Latin, Hangul leading consonant and syllable, kana that take voicing
     * marks, Indic and Myanmar letters that take backward-composing vowel signs, Greek, a digit, and
     * U+0345 (the highest combining class, so anything with a lower one would reorder before it).
     */
    private static final List<String> CONTEXTS = List.of(
            "a", "A", "e", "\u1100", "가", "か", "ﾊ", "ｶ", "क", "\u0B47", "\u0BC6", "\u0CC6", "\u0DD9", "\u1025", "Σ",
            "0", "a\u0345", " ");

    @Test
    void normalizationOfAnAcceptedPieceDoesNotReachBackIntoThePreviousOne() {
        List<String> broken = new ArrayList<>();
        for (Normalization form :
                List.of(Normalization.NFKC, Normalization.NFC, Normalization.NFD, Normalization.NFKD)) {
            List<String> contexts = CONTEXTS.stream().map(form::apply).toList();
            forEachDefined(codePoint -> {
                String piece = form.apply(Character.toString(codePoint) + "x");
                if (PieceBoundary.joinsPrevious(form, piece)) {
                    return;
                }
                for (int i = 0; i < CONTEXTS.size(); i++) {
                    String whole = form.apply(CONTEXTS.get(i) + Character.toString(codePoint) + "x");
                    if (!whole.equals(contexts.get(i) + piece)) {
                        broken.add(form + " " + CONTEXTS.get(i) + " + U+" + Integer.toHexString(codePoint));
                    }
                }
            });
        }
        assertThat(broken).isEmpty();
    }

    /**
     * The composition side without guessing contexts: every code point that canonical composition
     * ever attaches to a preceding one (the non-first code points of each primary composite's
     * decomposition, Hangul included) is refused at the start of a piece.
     */
    @Test
    void everyCodePointThatComposesOntoAPrecedingOneIsRefused() {
        List<String> accepted = new ArrayList<>();
        int[] seconds = {0};
        forEachDefined(composite -> {
            String decomposed = Normalization.NFD.apply(Character.toString(composite));
            if (decomposed.codePointCount(0, decomposed.length()) < 2
                    || !Normalization.NFC.apply(decomposed).equals(Character.toString(composite))) {
                return;
            }
            decomposed.codePoints().skip(1).forEach(second -> {
                seconds[0]++;
                if (!PieceBoundary.joinsPrevious(second)) {
                    accepted.add("U+" + Integer.toHexString(second) + " in U+" + Integer.toHexString(composite));
                }
            });
        });
        assertThat(accepted).isEmpty();
        assertThat(seconds[0])
                .as("Latin, Greek, Indic and 11,172 Hangul syllables")
                .isGreaterThan(15_000);
    }

    /**
     * The word iterator, with every code point next to a seam at whitespace: before it, after it,
     * alone after a space, at the start of the text. Whatever is accepted is exact.
     */
    @Test
    void wordSeamsNextToEveryCodePointAreExactWhenAccepted() {
        PieceTokenizer pieces = new PieceTokenizer(new Tokenizer(TokenizerKind.WORDS, Normalization.NONE, false));
        List<String> broken = new ArrayList<>();
        int[] accepted = {0};
        forEachDefined(codePoint -> {
            String c = Character.toString(codePoint);
            for (List<String> parts : List.of(
                    List.of("x ", c + "y"),
                    List.of("家 ", c + "y"),
                    List.of("a. ", c + "y"),
                    List.of("x" + c, " y"),
                    List.of("1" + c, " y"),
                    List.of("x " + c, " y"),
                    List.of(c, " y"),
                    List.of(c + " ", " y"),
                    List.of("x ", " " + c + "y"))) {
                List<String> tokens = PieceTokenizerTest.feedOrNull(pieces, parts);
                if (tokens == null) {
                    continue;
                }
                accepted[0]++;
                if (!tokens.equals(pieces.tokenizer().tokenize(String.join("", parts)))) {
                    broken.add(parts.toString());
                }
            }
        });
        assertThat(broken).isEmpty();
        assertThat(accepted[0]).isGreaterThan(1_500_000);
    }

    /**
     * The refusal of Mn, Me and Cf right after a space is needed: each joins the space's segment,
     * but for a handful of format characters the JDK's rules leave alone (soft hyphen, U+110BD,
     * language tags); refusing those too keeps the rule a plain category test.
     */
    @Test
    void marksAndFormatCharactersAfterASpaceDoJoinIt() {
        Tokenizer words = new Tokenizer(TokenizerKind.WORDS, Normalization.NONE, false);
        List<Integer> needlessRefusals = new ArrayList<>();
        forEachDefined(codePoint -> {
            if (!PieceBoundary.attachesBackwards(codePoint)) {
                return;
            }
            List<String> apart = new ArrayList<>(words.tokenize("x "));
            apart.addAll(words.tokenize(Character.toString(codePoint) + "y"));
            if (apart.equals(words.tokenize("x " + Character.toString(codePoint) + "y"))) {
                needlessRefusals.add(codePoint);
            }
        });
        assertThat(needlessRefusals)
                .contains(0xAD)
                .hasSizeLessThan(10)
                .allMatch(codePoint -> Character.getType(codePoint) == Character.FORMAT);
    }

    private static void forEachDefined(IntConsumer action) {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.isDefined(codePoint) && Character.getType(codePoint) != Character.SURROGATE) {
                action.accept(codePoint);
            }
        }
    }
}
