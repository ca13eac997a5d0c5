package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void defaultsDependOnKind() {
        assertThat(Tokenizer.characters())
                .isEqualTo(new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NFKC, false));
        assertThat(Tokenizer.words()).isEqualTo(new Tokenizer(TokenizerKind.WORDS, Normalization.NFKC, true));
    }

    @Test
    void charactersSplitByCodePointNotUtf16Unit() {
        // U+20000 (CJK Extension B) is a surrogate pair: two chars, one code point.
        String text = "\uD840\uDC00a";
        assertThat(text.length()).isEqualTo(3);

        assertThat(Tokenizer.characters().tokenize(text)).isEqualTo(List.of("\uD840\uDC00", "a"));
    }

    @Test
    void charactersKeepEmojiWhole() {
        assertThat(Tokenizer.characters().tokenize("ok 😀")).isEqualTo(List.of("o", "k", " ", "😀"));
    }

    @Test
    void charactersTokenizeChinese() {
        assertThat(Tokenizer.characters().tokenize("这家酒店很好")).isEqualTo(List.of("这", "家", "酒", "店", "很", "好"));
    }

    @Test
    void charactersKeepCaseByDefault() {
        assertThat(Tokenizer.characters().tokenize("O'Neill")).isEqualTo(List.of("O", "'", "N", "e", "i", "l", "l"));
    }

    @Test
    void charactersLowerCaseWhenAsked() {
        Tokenizer lowering = new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NFKC, true);

        assertThat(lowering.tokenize("AB")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void charactersCollapseAndTrimWhitespace() {
        assertThat(Tokenizer.characters().tokenize("  van \t\n Dyk  "))
                .isEqualTo(List.of("v", "a", "n", " ", "D", "y", "k"));
    }

    @Test
    void charactersTreatNoBreakSpaceAsWhitespaceWithoutNormalization() {
        Tokenizer raw = new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NONE, false);

        assertThat(raw.tokenize("a\u00a0\u00a0b")).isEqualTo(List.of("a", " ", "b"));
    }

    @Test
    void charactersNormalizeBeforeSplitting() {
        assertThat(Tokenizer.characters().tokenize("Ｎａｋａｍｕｒａ"))
                .isEqualTo(List.of("N", "a", "k", "a", "m", "u", "r", "a"));
        // Without composition the accent would be a token of its own.
        assertThat(Tokenizer.characters().tokenize("Jose\u0301")).isEqualTo(List.of("J", "o", "s", "é"));
        Tokenizer raw = new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NONE, false);
        assertThat(raw.tokenize("Jose\u0301")).isEqualTo(List.of("J", "o", "s", "e", "\u0301"));
    }

    @Test
    void blankTextHasNoTokens() {
        assertThat(Tokenizer.characters().tokenize(" \t ").isEmpty()).isTrue();
        assertThat(Tokenizer.words().tokenize("").isEmpty()).isTrue();
        assertThat(Tokenizer.words().tokenize("   ").isEmpty()).isTrue();
    }

    @Test
    void wordsFollowBreakIteratorAndKeepPunctuation() {
        // BreakIterator keeps contractions whole and gives each punctuation mark its own segment.
        assertThat(Tokenizer.words().tokenize("It's a GREAT movie, isn't it?!"))
                .isEqualTo(List.of("it's", "a", "great", "movie", ",", "isn't", "it", "?", "!"));
    }

    @Test
    void wordsKeepCaseWhenAsked() {
        Tokenizer keepingCase = new Tokenizer(TokenizerKind.WORDS, Normalization.NFKC, false);

        assertThat(keepingCase.tokenize("GREAT!")).isEqualTo(List.of("GREAT", "!"));
    }

    @Test
    void wordsKeepNumbersWhole() {
        assertThat(Tokenizer.words().tokenize("3.14 and 1,000 e-mail"))
                .isEqualTo(List.of("3.14", "and", "1,000", "e-mail"));
    }

    @Test
    void wordsSplitChineseIntoSingleIdeographs() {
        // The JDK returns the whole run "这家酒店很好" as one segment; the tokenizer splits it.
        assertThat(Tokenizer.words().tokenize("这家酒店很好")).isEqualTo(List.of("这", "家", "酒", "店", "很", "好"));
    }

    @Test
    void wordsSplitIdeographsButKeepLatinRunsInMixedText() {
        assertThat(Tokenizer.words().tokenize("我爱Java编程。很好！"))
                .isEqualTo(List.of("我", "爱", "java", "编", "程", "。", "很", "好", "!"));
    }

    @Test
    void wordsSplitSupplementaryIdeographsByCodePoint() {
        assertThat(Tokenizer.words().tokenize("\uD840\uDC00\uD840\uDC01"))
                .isEqualTo(List.of("\uD840\uDC00", "\uD840\uDC01"));
    }

    @Test
    void wordsNormalizeFullWidthBeforeSplitting() {
        assertThat(Tokenizer.words().tokenize("Ｎａｋａｍｕｒａ")).isEqualTo(List.of("nakamura"));
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatExceptionOfType(NullPointerException.class)
                .isThrownBy(() -> Tokenizer.words().tokenize(null));
        assertThatExceptionOfType(NullPointerException.class)
                .isThrownBy(() -> new Tokenizer(null, Normalization.NFKC, false));
        assertThatExceptionOfType(NullPointerException.class)
                .isThrownBy(() -> new Tokenizer(TokenizerKind.WORDS, null, false));
    }
}
