package io.github.rnnserving.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.rnnserving.model.text.PieceTokenizer.Carry;
import io.github.rnnserving.model.text.PieceTokenizer.Piece;
import io.github.rnnserving.support.SharedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random splits of real and nasty texts: whenever every piece is accepted, the pieces' tokens are
 * the whole text's tokens. Refusals are counted and printed, and the common case (plain names read
 * by characters, sentences split at spaces) must never be refused.
 */
class PieceSplitPropertyTest {

    /** Texts that exercise every seam rule; each is split everywhere and at random. */
    static final List<String> NASTY = List.of(
            "Jose\u0301",
            "e\u0301e\u0301 e\u0301",
            "\u1100\u1161\u11A8",
            "가\u11A8 각",
            "ㄱㅏ",
            "ｶﾞｷﾞ ﾊﾟﾝ",
            "Ｎａｋａｍｕｒａ",
            "ﬁﬂ ﬃ",
            "ΟΔΟΣ ΑΣ",
            "ΣΑΣ'Α 1Σ1 ΑΣא ᾼΣ",
            "ΟΔΟΣ.Α",
            "👨\u200D👩\u200D👧 👍🏽",
            "x\u200Dy x \u200Dy",
            "\uD840\uDC00a\uD840\uDC01",
            "a\u00A0\u00A0b\u00A0",
            "\tx\t y \n",
            "  van Dyk  ",
            "\u0B47\u0B3E \u0DD9\u0DCF \u1025\u102E",
            "a\u0345\u0301\u0316",
            "İstanbul ǅemal",
            "\u3000全角\u3000スペース",
            "ﾞ\u0301 a");

    @Test
    void randomSplitsOfNamesGiveTheWholeNamesTokens() throws IOException {
        List<String> names = names();
        assertThat(names).hasSizeGreaterThan(20_000);
        Random random = new Random(18);
        for (Tokenizer tokenizer : characterTokenizers()) {
            Tally tally = new Tally();
            Tally ascii = new Tally();
            for (String name : names) {
                Tally into = name.chars().allMatch(c -> c < 0x80) ? ascii : tally;
                check(tokenizer, name, into, random, 8);
                // decomposed accents are what a keyboard may send one key at a time
                check(tokenizer, Normalization.NFD.apply(name), tally, random, 4);
            }
            print("names", tokenizer, tally, ascii);
            assertThat(ascii.refused).as("plain ASCII names are never refused").isZero();
            assertThat(ascii.accepted + tally.accepted).isGreaterThan(100_000);
        }
    }

    @Test
    void randomSplitsOfNastyTextsGiveTheWholeTextsTokens() {
        Random random = new Random(180);
        List<Tokenizer> tokenizers = new ArrayList<>(characterTokenizers());
        tokenizers.addAll(wordTokenizers());
        for (Tokenizer tokenizer : tokenizers) {
            Tally tally = new Tally();
            for (String text : NASTY) {
                check(tokenizer, text, tally, random, 200);
            }
            print("nasty", tokenizer, tally, null);
            assertThat(tally.accepted).isPositive();
        }
    }

    @Test
    void sentencesSplitAtSpacesGiveTheWholeSentencesTokens() throws IOException {
        Random random = new Random(1800);
        List<String> sentences = sentences();
        for (Tokenizer tokenizer : wordTokenizers()) {
            PieceTokenizer pieces = new PieceTokenizer(tokenizer);
            Tally tally = new Tally();
            for (String sentence : sentences) {
                List<Integer> seams = seams(sentence, true);
                for (int split = 0; split < 20 && !seams.isEmpty(); split++) {
                    List<String> parts = cut(sentence, pick(seams, random));
                    assertThat(feed(pieces, parts, tally))
                            .as("%s split as %s", tokenizer, parts)
                            .isTrue();
                }
            }
            print("sentences", tokenizer, tally, null);
            assertThat(tally.refused)
                    .as("sentences split at spaces are never refused")
                    .isZero();
            assertThat(tally.accepted).isGreaterThan(10_000);
        }
    }

    @Test
    void sentencesSplitInsideAWordAreRefused() throws IOException {
        Random random = new Random(18000);
        PieceTokenizer pieces = new PieceTokenizer(Tokenizer.words());
        int refused = 0;
        for (String sentence : sentences()) {
            List<Integer> inside = seams(sentence, false);
            if (inside.isEmpty()) {
                continue;
            }
            int at = inside.get(random.nextInt(inside.size()));
            Carry carry = pieces.next(Carry.START, sentence.substring(0, at)).carry();
            assertThatExceptionOfType(UnsplittablePieceException.class)
                    .as("split of %s at %d", sentence, at)
                    .isThrownBy(() -> pieces.next(carry, sentence.substring(at)));
            refused++;
        }
        assertThat(refused).isGreaterThan(2_000);
    }

    /** Splits {@code text} at random code point seams {@code times} times, and one code point at a time. */
    private static void check(Tokenizer tokenizer, String text, Tally tally, Random random, int times) {
        PieceTokenizer pieces = new PieceTokenizer(tokenizer);
        List<Integer> seams = seams(text, null);
        feed(pieces, cut(text, seams), tally);
        for (int split = 0; split < times && !seams.isEmpty(); split++) {
            feed(pieces, cut(text, pick(seams, random)), tally);
        }
    }

    /**
     * Feeds the parts; if all are accepted, asserts the tokens equal the whole text's and returns
     * true; a refusal is counted and returns false.
     */
    private static boolean feed(PieceTokenizer pieces, List<String> parts, Tally tally) {
        List<String> tokens = new ArrayList<>();
        Carry carry = Carry.START;
        for (String part : parts) {
            try {
                Piece piece = pieces.next(carry, part);
                tokens.addAll(piece.tokens());
                carry = piece.carry();
            } catch (UnsplittablePieceException refusal) {
                tally.refused++;
                return false;
            }
        }
        String whole = String.join("", parts);
        assertThat(tokens)
                .as("%s split as %s", pieces.tokenizer(), parts)
                .isEqualTo(pieces.tokenizer().tokenize(whole));
        tally.accepted++;
        return true;
    }

    /**
     * Offsets between code points; {@code atWhitespace} true: only next to whitespace, false: only
     * between two non-whitespace code points, null: all.
     */
    private static List<Integer> seams(String text, Boolean atWhitespace) {
        List<Integer> seams = new ArrayList<>();
        for (int offset = text.offsetByCodePoints(0, 1);
                offset < text.length();
                offset += Character.charCount(text.codePointAt(offset))) {
            boolean nearWhitespace = Tokenizer.isWhitespace(text.codePointBefore(offset))
                    || Tokenizer.isWhitespace(text.codePointAt(offset));
            if (atWhitespace == null || atWhitespace == nearWhitespace) {
                seams.add(offset);
            }
        }
        return seams;
    }

    /** One to four random seams out of {@code seams}, sorted. */
    private static List<Integer> pick(List<Integer> seams, Random random) {
        TreeSet<Integer> picked = new TreeSet<>();
        int count = 1 + random.nextInt(Math.min(4, seams.size()));
        while (picked.size() < count) {
            picked.add(seams.get(random.nextInt(seams.size())));
        }
        return new ArrayList<>(picked);
    }

    private static List<String> cut(String text, List<Integer> seams) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int seam : seams) {
            parts.add(text.substring(start, seam));
            start = seam;
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static List<Tokenizer> characterTokenizers() {
        List<Tokenizer> tokenizers = new ArrayList<>();
        for (Normalization normalization : Normalization.values()) {
            tokenizers.add(new Tokenizer(TokenizerKind.CHARACTERS, normalization, false));
            tokenizers.add(new Tokenizer(TokenizerKind.CHARACTERS, normalization, true));
        }
        return tokenizers;
    }

    // the default, and two that keep no-break spaces (NFKC folds them into plain spaces)
    private static List<Tokenizer> wordTokenizers() {
        return List.of(
                Tokenizer.words(),
                new Tokenizer(TokenizerKind.WORDS, Normalization.NONE, true),
                new Tokenizer(TokenizerKind.WORDS, Normalization.NFC, false));
    }

    private static List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(SharedFiles.requireData("names"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank())
                        .forEach(names::add);
            }
        }
        return names;
    }

    /** 2,000 SST-2 sentences and 1,000 Chinese hotel reviews (their full-width punctuation and spaces). */
    private static List<String> sentences() throws IOException {
        List<String> sentences = new ArrayList<>();
        Files.readAllLines(SharedFiles.requireData("sst2/train.tsv"), StandardCharsets.UTF_8).stream()
                .skip(1)
                .limit(2_000)
                .map(line -> line.substring(0, line.lastIndexOf('\t')))
                .forEach(sentences::add);
        Files.readAllLines(SharedFiles.requireData("sentences-zh/ChnSentiCorp_htl_all.csv"), StandardCharsets.UTF_8)
                .stream()
                .skip(1)
                .limit(1_000)
                .map(line -> line.substring(line.indexOf(',') + 1))
                .forEach(sentences::add);
        return sentences;
    }

    /** The counts NOTES-pieces.md reports; {@code ascii} (names only) counts plain ASCII names apart. */
    private static void print(String corpus, Tokenizer tokenizer, Tally tally, Tally ascii) {
        System.out.printf(
                "pieces %-9s %-10s %-5s lower=%-5s accepted=%d refused=%d%s%n",
                corpus,
                tokenizer.kind(),
                tokenizer.normalization(),
                tokenizer.lowerCase(),
                tally.accepted,
                tally.refused,
                ascii == null ? "" : " (ASCII names: accepted=" + ascii.accepted + " refused=" + ascii.refused + ")");
    }

    private static final class Tally {
        int accepted;
        int refused;
    }
}
