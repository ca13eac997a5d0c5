package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    // Counts: a=4, b=3, c=2, d=2, e=1.
    private static final List<List<String>> CORPUS =
            List.of(List.of("a", "b", "c"), List.of("a", "d", "b"), List.of("e", "a", "c"), List.of("b", "a", "d"));

    @Test
    void specialTokensComeFirst() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertThat(vocabulary.tokenAt(Vocabulary.PADDING_INDEX)).isEqualTo("<pad>");
        assertThat(vocabulary.tokenAt(Vocabulary.UNKNOWN_INDEX)).isEqualTo("<unk>");
        assertThat(vocabulary.indexOf("<pad>")).isEqualTo(0);
        assertThat(vocabulary.indexOf("<unk>")).isEqualTo(1);
    }

    @Test
    void ordersByCountThenByToken() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertThat(vocabulary.tokens()).isEqualTo(List.of("<pad>", "<unk>", "a", "b", "c", "d", "e"));
        assertThat(vocabulary.size()).isEqualTo(7);
    }

    @Test
    void dropsTokensBelowMinFrequency() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 2, 100);

        assertThat(vocabulary.tokens()).isEqualTo(List.of("<pad>", "<unk>", "a", "b", "c", "d"));
        assertThat(vocabulary.contains("e")).isFalse();
    }

    @Test
    void capsSizeIncludingSpecialTokens() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 5);

        assertThat(vocabulary.tokens()).isEqualTo(List.of("<pad>", "<unk>", "a", "b", "c"));
    }

    @Test
    void smallestSizeHoldsOnlySpecialTokens() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 2);

        assertThat(vocabulary.tokens()).isEqualTo(List.of("<pad>", "<unk>"));
        assertThat(vocabulary.indexOf("a")).isEqualTo(Vocabulary.UNKNOWN_INDEX);
    }

    @Test
    void sameCorpusInAnyOrderGivesSameVocabulary() {
        List<List<String>> shuffled = new ArrayList<>(CORPUS);
        Collections.reverse(shuffled);

        assertThat(Vocabulary.build(shuffled, 1, 100)).isEqualTo(Vocabulary.build(CORPUS, 1, 100));
    }

    @Test
    void literalSpecialTokensInCorpusAreNotCountedTwice() {
        Vocabulary vocabulary = Vocabulary.build(List.of(List.of("<unk>", "<pad>", "<unk>", "x")), 1, 100);

        assertThat(vocabulary.tokens()).isEqualTo(List.of("<pad>", "<unk>", "x"));
    }

    @Test
    void unknownTokensMapToUnknownIndex() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertThat(vocabulary.indexOf("zebra")).isEqualTo(Vocabulary.UNKNOWN_INDEX);
        assertThat(vocabulary.encode(List.of("a", "zebra", "b", "A"))).containsExactly(new long[] {2, 1, 3, 1});
    }

    @Test
    void encodesEmptyListToEmptyArray() {
        assertThat(Vocabulary.build(CORPUS, 1, 100).encode(List.of())).containsExactly(new long[0]);
    }

    @Test
    void tokenAtRejectsOutOfRange() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> vocabulary.tokenAt(-1));
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> vocabulary.tokenAt(7));
    }

    @Test
    void tokensListIsUnmodifiable() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> vocabulary.tokens().add("z"));
    }

    @Test
    void fromTokensRoundTrips() {
        Vocabulary built = Vocabulary.build(CORPUS, 1, 100);

        Vocabulary restored = Vocabulary.fromTokens(built.tokens());

        assertThat(restored).isEqualTo(built);
        assertThat(restored.tokens()).isEqualTo(built.tokens());
        for (int index = 0; index < built.size(); index++) {
            assertThat(restored.indexOf(built.tokenAt(index))).isEqualTo(index);
        }
    }

    @Test
    void fromTokensCopiesItsInput() {
        List<String> tokens = new ArrayList<>(List.of("<pad>", "<unk>", "x"));
        Vocabulary vocabulary = Vocabulary.fromTokens(tokens);

        tokens.add("y");

        assertThat(vocabulary.size()).isEqualTo(3);
    }

    @Test
    void fromTokensRejectsMissingOrMisplacedSpecialTokens() {
        IllegalArgumentException swapped = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Vocabulary.fromTokens(List.of("<unk>", "<pad>", "x")))
                .actual();
        assertThat(swapped.getMessage().contains("[<pad>, <unk>]"))
                .as(swapped.getMessage())
                .isTrue();

        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Vocabulary.fromTokens(List.of()));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Vocabulary.fromTokens(List.of("<pad>")));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Vocabulary.fromTokens(List.of("a", "b")));
    }

    @Test
    void fromTokensRejectsDuplicates() {
        IllegalArgumentException error = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Vocabulary.fromTokens(List.of("<pad>", "<unk>", "x", "y", "x")))
                .actual();

        assertThat(error.getMessage().contains("'x'")).as(error.getMessage()).isTrue();
        assertThat(error.getMessage().contains("2 and 4"))
                .as(error.getMessage())
                .isTrue();
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Vocabulary.fromTokens(List.of("<pad>", "<unk>", "<pad>")));
    }

    @Test
    void fromTokensRejectsNull() {
        List<String> withNull = Arrays.asList("<pad>", "<unk>", null);

        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Vocabulary.fromTokens(withNull));
    }

    @Test
    void buildRejectsBadLimits() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Vocabulary.build(CORPUS, 0, 100));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Vocabulary.build(CORPUS, 1, 1));
    }
}
