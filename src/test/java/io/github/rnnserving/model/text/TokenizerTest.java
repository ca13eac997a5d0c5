package io.github.rnnserving.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void defaultsDependOnKind() {
        assertEquals(new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NFKC, false), Tokenizer.characters());
        assertEquals(new Tokenizer(TokenizerKind.WORDS, Normalization.NFKC, true), Tokenizer.words());
    }

    @Test
    void charactersSplitByCodePointNotUtf16Unit() {
        // U+20000 (CJK Extension B) is a surrogate pair: two chars, one code point.
        String text = "\uD840\uDC00a";
        assertEquals(3, text.length());

        assertEquals(List.of("\uD840\uDC00", "a"), Tokenizer.characters().tokenize(text));
    }

    @Test
    void charactersKeepEmojiWhole() {
        assertEquals(List.of("o", "k", " ", "😀"), Tokenizer.characters().tokenize("ok 😀"));
    }

    @Test
    void charactersTokenizeChinese() {
        assertEquals(
                List.of("这", "家", "酒", "店", "很", "好"), Tokenizer.characters().tokenize("这家酒店很好"));
    }

    @Test
    void charactersKeepCaseByDefault() {
        assertEquals(
                List.of("O", "'", "N", "e", "i", "l", "l"),
                Tokenizer.characters().tokenize("O'Neill"));
    }

    @Test
    void charactersLowerCaseWhenAsked() {
        Tokenizer lowering = new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NFKC, true);

        assertEquals(List.of("a", "b"), lowering.tokenize("AB"));
    }

    @Test
    void charactersCollapseAndTrimWhitespace() {
        assertEquals(
                List.of("v", "a", "n", " ", "D", "y", "k"),
                Tokenizer.characters().tokenize("  van \t\n Dyk  "));
    }

    @Test
    void charactersTreatNoBreakSpaceAsWhitespaceWithoutNormalization() {
        Tokenizer raw = new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NONE, false);

        assertEquals(List.of("a", " ", "b"), raw.tokenize("a\u00a0\u00a0b"));
    }

    @Test
    void charactersNormalizeBeforeSplitting() {
        assertEquals(
                List.of("N", "a", "k", "a", "m", "u", "r", "a"),
                Tokenizer.characters().tokenize("Ｎａｋａｍｕｒａ"));
        // Without composition the accent would be a token of its own.
        assertEquals(List.of("J", "o", "s", "é"), Tokenizer.characters().tokenize("Jose\u0301"));
        Tokenizer raw = new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NONE, false);
        assertEquals(List.of("J", "o", "s", "e", "\u0301"), raw.tokenize("Jose\u0301"));
    }

    @Test
    void blankTextHasNoTokens() {
        assertTrue(Tokenizer.characters().tokenize(" \t ").isEmpty());
        assertTrue(Tokenizer.words().tokenize("").isEmpty());
        assertTrue(Tokenizer.words().tokenize("   ").isEmpty());
    }

    @Test
    void wordsFollowBreakIteratorAndKeepPunctuation() {
        // BreakIterator keeps contractions whole and gives each punctuation mark its own segment.
        assertEquals(
                List.of("it's", "a", "great", "movie", ",", "isn't", "it", "?", "!"),
                Tokenizer.words().tokenize("It's a GREAT movie, isn't it?!"));
    }

    @Test
    void wordsKeepCaseWhenAsked() {
        Tokenizer keepingCase = new Tokenizer(TokenizerKind.WORDS, Normalization.NFKC, false);

        assertEquals(List.of("GREAT", "!"), keepingCase.tokenize("GREAT!"));
    }

    @Test
    void wordsKeepNumbersWhole() {
        assertEquals(
                List.of("3.14", "and", "1,000", "e-mail"), Tokenizer.words().tokenize("3.14 and 1,000 e-mail"));
    }

    @Test
    void wordsSplitChineseIntoSingleIdeographs() {
        // The JDK returns the whole run "这家酒店很好" as one segment; the tokenizer splits it.
        assertEquals(List.of("这", "家", "酒", "店", "很", "好"), Tokenizer.words().tokenize("这家酒店很好"));
    }

    @Test
    void wordsSplitIdeographsButKeepLatinRunsInMixedText() {
        assertEquals(
                List.of("我", "爱", "java", "编", "程", "。", "很", "好", "!"),
                Tokenizer.words().tokenize("我爱Java编程。很好！"));
    }

    @Test
    void wordsSplitSupplementaryIdeographsByCodePoint() {
        assertEquals(List.of("\uD840\uDC00", "\uD840\uDC01"), Tokenizer.words().tokenize("\uD840\uDC00\uD840\uDC01"));
    }

    @Test
    void wordsNormalizeFullWidthBeforeSplitting() {
        assertEquals(List.of("nakamura"), Tokenizer.words().tokenize("Ｎａｋａｍｕｒａ"));
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> Tokenizer.words().tokenize(null));
        assertThrows(NullPointerException.class, () -> new Tokenizer(null, Normalization.NFKC, false));
        assertThrows(NullPointerException.class, () -> new Tokenizer(TokenizerKind.WORDS, null, false));
    }
}
