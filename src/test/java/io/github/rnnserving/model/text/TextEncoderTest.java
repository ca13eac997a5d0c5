package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(encoded.ids()).containsExactly(new long[] {2, 3, 1, 4, 5});
        assertThat(encoded.tokenCount()).isEqualTo(5);
        assertThat(encoded.unknownCount()).isEqualTo(1);
        assertThat(encoded.truncated()).isFalse();
        assertThat(encoded.isEmpty()).isFalse();
    }

    @Test
    void keepsFirstTokensWhenTruncating() {
        TextEncoder encoder = new TextEncoder(Tokenizer.words(), VOCABULARY, 2);

        EncodedText encoded = encoder.encodeDetailed("the movie great !");

        assertThat(encoded.ids()).containsExactly(new long[] {2, 3});
        assertThat(encoder.encode("the movie great !")).containsExactly(new long[] {2, 3});
        assertThat(encoded.tokenCount()).isEqualTo(4);
        assertThat(encoded.length()).isEqualTo(2);
        assertThat(encoded.truncated()).isTrue();
    }

    @Test
    void textOfExactlyMaxLengthIsNotTruncated() {
        TextEncoder encoder = new TextEncoder(Tokenizer.words(), VOCABULARY, 2);

        assertThat(encoder.encodeDetailed("the movie").truncated()).isFalse();
    }

    @Test
    void blankTextGivesEmptyResultWithoutThrowing() {
        TextEncoder encoder = new TextEncoder(Tokenizer.characters(), VOCABULARY, 5);

        EncodedText encoded = encoder.encodeDetailed("  \t ");

        assertThat(encoded.isEmpty()).isTrue();
        assertThat(encoded.tokenCount()).isEqualTo(0);
        assertThat(encoded.truncated()).isFalse();
        assertThat(encoder.encode("")).containsExactly(new long[0]);
    }

    @Test
    void encodedTextIsImmutable() {
        long[] ids = {2, 3};
        EncodedText encoded = new EncodedText(ids, 2, 0);

        ids[0] = 99;
        encoded.ids()[1] = 99;

        assertThat(encoded.ids()).containsExactly(new long[] {2, 3});
        assertThat(encoded).isEqualTo(new EncodedText(new long[] {2, 3}, 2, 0));
        assertThat(encoded.hashCode()).isEqualTo(new EncodedText(new long[] {2, 3}, 2, 0).hashCode());
    }

    @Test
    void encodedTextRejectsInconsistentCounts() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new EncodedText(new long[2], 1, 0));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new EncodedText(new long[2], 2, 3));
    }

    @Test
    void rejectsNonPositiveMaxLength() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new TextEncoder(Tokenizer.words(), VOCABULARY, 0));
    }
}
