package io.github.rnnserving.model.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals("<pad>", vocabulary.tokenAt(Vocabulary.PADDING_INDEX));
        assertEquals("<unk>", vocabulary.tokenAt(Vocabulary.UNKNOWN_INDEX));
        assertEquals(0, vocabulary.indexOf("<pad>"));
        assertEquals(1, vocabulary.indexOf("<unk>"));
    }

    @Test
    void ordersByCountThenByToken() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c", "d", "e"), vocabulary.tokens());
        assertEquals(7, vocabulary.size());
    }

    @Test
    void dropsTokensBelowMinFrequency() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 2, 100);

        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c", "d"), vocabulary.tokens());
        assertFalse(vocabulary.contains("e"));
    }

    @Test
    void capsSizeIncludingSpecialTokens() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 5);

        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c"), vocabulary.tokens());
    }

    @Test
    void smallestSizeHoldsOnlySpecialTokens() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 2);

        assertEquals(List.of("<pad>", "<unk>"), vocabulary.tokens());
        assertEquals(Vocabulary.UNKNOWN_INDEX, vocabulary.indexOf("a"));
    }

    @Test
    void sameCorpusInAnyOrderGivesSameVocabulary() {
        List<List<String>> shuffled = new ArrayList<>(CORPUS);
        Collections.reverse(shuffled);

        assertEquals(Vocabulary.build(CORPUS, 1, 100), Vocabulary.build(shuffled, 1, 100));
    }

    @Test
    void literalSpecialTokensInCorpusAreNotCountedTwice() {
        Vocabulary vocabulary = Vocabulary.build(List.of(List.of("<unk>", "<pad>", "<unk>", "x")), 1, 100);

        assertEquals(List.of("<pad>", "<unk>", "x"), vocabulary.tokens());
    }

    @Test
    void unknownTokensMapToUnknownIndex() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertEquals(Vocabulary.UNKNOWN_INDEX, vocabulary.indexOf("zebra"));
        assertArrayEquals(new long[] {2, 1, 3, 1}, vocabulary.encode(List.of("a", "zebra", "b", "A")));
    }

    @Test
    void encodesEmptyListToEmptyArray() {
        assertArrayEquals(new long[0], Vocabulary.build(CORPUS, 1, 100).encode(List.of()));
    }

    @Test
    void tokenAtRejectsOutOfRange() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertThrows(IndexOutOfBoundsException.class, () -> vocabulary.tokenAt(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> vocabulary.tokenAt(7));
    }

    @Test
    void tokensListIsUnmodifiable() {
        Vocabulary vocabulary = Vocabulary.build(CORPUS, 1, 100);

        assertThrows(
                UnsupportedOperationException.class, () -> vocabulary.tokens().add("z"));
    }

    @Test
    void fromTokensRoundTrips() {
        Vocabulary built = Vocabulary.build(CORPUS, 1, 100);

        Vocabulary restored = Vocabulary.fromTokens(built.tokens());

        assertEquals(built, restored);
        assertEquals(built.tokens(), restored.tokens());
        for (int index = 0; index < built.size(); index++) {
            assertEquals(index, restored.indexOf(built.tokenAt(index)));
        }
    }

    @Test
    void fromTokensCopiesItsInput() {
        List<String> tokens = new ArrayList<>(List.of("<pad>", "<unk>", "x"));
        Vocabulary vocabulary = Vocabulary.fromTokens(tokens);

        tokens.add("y");

        assertEquals(3, vocabulary.size());
    }

    @Test
    void fromTokensRejectsMissingOrMisplacedSpecialTokens() {
        IllegalArgumentException swapped = assertThrows(
                IllegalArgumentException.class, () -> Vocabulary.fromTokens(List.of("<unk>", "<pad>", "x")));
        assertTrue(swapped.getMessage().contains("[<pad>, <unk>]"), swapped.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromTokens(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromTokens(List.of("<pad>")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromTokens(List.of("a", "b")));
    }

    @Test
    void fromTokensRejectsDuplicates() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class, () -> Vocabulary.fromTokens(List.of("<pad>", "<unk>", "x", "y", "x")));

        assertTrue(error.getMessage().contains("'x'"), error.getMessage());
        assertTrue(error.getMessage().contains("2 and 4"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromTokens(List.of("<pad>", "<unk>", "<pad>")));
    }

    @Test
    void fromTokensRejectsNull() {
        List<String> withNull = Arrays.asList("<pad>", "<unk>", null);

        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromTokens(withNull));
    }

    @Test
    void buildRejectsBadLimits() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(CORPUS, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(CORPUS, 1, 1));
    }
}
