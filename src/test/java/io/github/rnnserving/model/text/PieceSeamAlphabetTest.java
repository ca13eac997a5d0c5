package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every string of up to four symbols over a small alphabet of troublemakers, cut into pieces in
 * every possible way: whenever all pieces are accepted, their tokens are the whole string's.
 */
class PieceSeamAlphabetTest {

    /** Composing marks and jamo, voicing kana, spaces of three kinds, a reordering mark. */
    private static final List<String> JOINERS =
            List.of("e", "\u0301", " ", "\u00A0", "\u1100", "\u1161", "\u11A8", "ｶ", "ﾞ", "ㅏ", "\u0345", "\u200D");

    /** Σ and what decides its lower case: cased and uncased letters, a digit, a mid-word mark, space. */
    private static final List<String> SIGMA = List.of("Σ", "Α", "σ", "1", "'", ".", " ", "א", "\u0301", "ª");

    @Test
    void everySplitOfComposingTextsThatIsAcceptedIsExact() {
        List<Tokenizer> tokenizers = new ArrayList<>();
        for (Normalization normalization :
                List.of(Normalization.NFKC, Normalization.NFC, Normalization.NFD, Normalization.NONE)) {
            tokenizers.add(new Tokenizer(TokenizerKind.CHARACTERS, normalization, false));
        }
        tokenizers.add(Tokenizer.words());
        tokenizers.add(new Tokenizer(TokenizerKind.WORDS, Normalization.NONE, false));

        int[] counts = checkAll(JOINERS, tokenizers);

        assertThat(counts[0]).as("accepted").isGreaterThan(500_000);
        assertThat(counts[1]).as("refused").isPositive();
    }

    @Test
    void everySplitOfGreekTextsThatIsAcceptedIsExactWhenLowerCasing() {
        List<Tokenizer> tokenizers = List.of(
                new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NONE, true),
                new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NFKC, true));

        int[] counts = checkAll(SIGMA, tokenizers);

        assertThat(counts[0]).as("accepted").isGreaterThan(100_000);
        assertThat(counts[1]).as("refused").isPositive();
    }

    /** Returns {accepted, refused} over every string and every way to cut it. */
    private static int[] checkAll(List<String> alphabet, List<Tokenizer> tokenizers) {
        int[] counts = new int[2];
        List<String> texts = strings(alphabet, 4);
        for (Tokenizer tokenizer : tokenizers) {
            PieceTokenizer pieces = new PieceTokenizer(tokenizer);
            for (String text : texts) {
                List<String> whole = tokenizer.tokenize(text);
                int symbols = text.codePointCount(0, text.length());
                // bit i of cuts set: a seam after symbol i (all symbols here are one char)
                for (int cuts = 0; cuts < 1 << (symbols - 1); cuts++) {
                    List<String> tokens = PieceTokenizerTest.feedOrNull(pieces, cut(text, cuts));
                    if (tokens == null) {
                        counts[1]++;
                    } else {
                        assertThat(tokens)
                                .as("%s: %s cut %s", tokenizer, text, cut(text, cuts))
                                .isEqualTo(whole);
                        counts[0]++;
                    }
                }
            }
        }
        return counts;
    }

    private static List<String> cut(String text, int cuts) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if ((cuts & 1 << (i - 1)) != 0) {
                parts.add(text.substring(start, i));
                start = i;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static List<String> strings(List<String> alphabet, int maxLength) {
        List<String> all = new ArrayList<>();
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (String symbol : alphabet) {
                    next.add(prefix + symbol);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }
}
