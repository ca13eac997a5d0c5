package io.github.rnnserving.model.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncoderTest {

    // ids: <pad>=0, <unk>=1, the=2, movie=3, great=4, !=5
    private static final Vocabulary VOCABULARY =
            Vocabulary.fromTokens(List.of("<pad>", "<unk>", "the", "movie", "great", "!"));

    @Test
    void encodesKnownAndUnknownWords() {
        TextEncoder encoder = new TextEncoder(Tokenizer.words(), VOCABULARY, 10);

        EncodedText encoded = encoder.encodeDetailed("The movie was GREAT!");

        assertArrayEquals(new long[] {2, 3, 1, 4, 5}, encoded.ids());
        assertEquals(5, encoded.tokenCount());
        assertEquals(1, encoded.unknownCount());
        assertFalse(encoded.truncated());
        assertFalse(encoded.isEmpty());
    }

    @Test
    void keepsFirstTokensWhenTruncating() {
        TextEncoder encoder = new TextEncoder(Tokenizer.words(), VOCABULARY, 2);

        EncodedText encoded = encoder.encodeDetailed("the movie great !");

        assertArrayEquals(new long[] {2, 3}, encoded.ids());
        assertArrayEquals(new long[] {2, 3}, encoder.encode("the movie great !"));
        assertEquals(4, encoded.tokenCount());
        assertEquals(2, encoded.length());
        assertTrue(encoded.truncated());
    }

    @Test
    void textOfExactlyMaxLengthIsNotTruncated() {
        TextEncoder encoder = new TextEncoder(Tokenizer.words(), VOCABULARY, 2);

        assertFalse(encoder.encodeDetailed("the movie").truncated());
    }

    @Test
    void blankTextGivesEmptyResultWithoutThrowing() {
        TextEncoder encoder = new TextEncoder(Tokenizer.characters(), VOCABULARY, 5);

        EncodedText encoded = encoder.encodeDetailed("  \t ");

        assertTrue(encoded.isEmpty());
        assertEquals(0, encoded.tokenCount());
        assertFalse(encoded.truncated());
        assertArrayEquals(new long[0], encoder.encode(""));
    }

    @Test
    void encodedTextIsImmutable() {
        long[] ids = {2, 3};
        EncodedText encoded = new EncodedText(ids, 2, 0);

        ids[0] = 99;
        encoded.ids()[1] = 99;

        assertArrayEquals(new long[] {2, 3}, encoded.ids());
        assertEquals(new EncodedText(new long[] {2, 3}, 2, 0), encoded);
        assertEquals(new EncodedText(new long[] {2, 3}, 2, 0).hashCode(), encoded.hashCode());
    }

    @Test
    void encodedTextRejectsInconsistentCounts() {
        assertThrows(IllegalArgumentException.class, () -> new EncodedText(new long[2], 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EncodedText(new long[2], 2, 3));
    }

    @Test
    void rejectsNonPositiveMaxLength() {
        assertThrows(IllegalArgumentException.class, () -> new TextEncoder(Tokenizer.words(), VOCABULARY, 0));
    }
}
