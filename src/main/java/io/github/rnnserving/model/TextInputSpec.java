package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.model.text.TutorialLetters;
import io.github.rnnserving.model.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text read as token ids through an embedding: the tokenizer, its Unicode normalisation and case
 * folding, the most tokens one text yields, and the vocabulary (id = position). {@code lowerCase}
 * may be absent from bundles written before it existed, and absent means false.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextInputSpec(
        TokenizerKind tokens,
        Normalization normalization,
        Boolean lowerCase,
        Integer maxLength,
        List<String> vocabulary)
        implements InputSpec {

    /** The most tokens an imported model may read from one text. */
    public static final int MAX_TOKENS = 100_000;
    /** Steps of the warm-up sequences: long enough to touch every kernel, short enough to be quick. */
    private static final int WARM_UP_STEPS = 16;

    public TextInputSpec {
        if (tokens == TokenizerKind.TUTORIAL_LETTERS) {
            // the tutorial fixes both, so a manifest may leave them out
            normalization = normalization == null ? Normalization.NFD : normalization;
            vocabulary = vocabulary == null ? TutorialLetters.VOCABULARY : vocabulary;
        }
        if (tokens == null || normalization == null || maxLength == null || vocabulary == null) {
            throw new IllegalArgumentException("a text input needs tokens, normalization, maxLength and vocabulary");
        }
    }

    public static TextInputSpec of(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength) {
        return new TextInputSpec(
                tokenizer.kind(), tokenizer.normalization(), tokenizer.lowerCase(), maxLength, vocabulary.tokens());
    }

    /** The spec of a new model: its vocabulary built from the tokens of the training texts. */
    public static TextInputSpec fit(
            Tokenizer tokenizer, List<? extends Example> train, int minFrequency, int maxVocabulary, int maxLength) {
        List<List<String>> tokenized = new ArrayList<>(train.size());
        for (Example example : train) {
            tokenized.add(tokenizer.tokenize(((TextExample) example).text()));
        }
        return of(tokenizer, Vocabulary.build(tokenized, minFrequency, maxVocabulary), maxLength);
    }

    @Override
    public InputKind kind() {
        return InputKind.TEXT;
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public int inputSize(int embeddingSize) {
        return embeddingSize;
    }

    /** Builds the vocabulary's index, so callers keep the result. */
    @Override
    public TextEncoder encoder() {
        Tokenizer tokenizer = new Tokenizer(tokens, normalization, lowerCase != null && lowerCase);
        return new TextEncoder(tokenizer, Vocabulary.fromTokens(vocabulary), maxLength);
    }

    @Override
    public EncodedInput warmUpSample() {
        long[] ids = new long[Math.min(WARM_UP_STEPS, maxLength)];
        // id 1 is the unknown token in every vocabulary this service builds; 0 would do as well
        Arrays.fill(ids, Math.min(Vocabulary.UNKNOWN_INDEX, vocabularySize() - 1));
        return new EncodedInput.TokenIds(ids);
    }

    @Override
    public List<EncodedInput> probeBatch() {
        return List.of(new EncodedInput.TokenIds(probeIds(3)), new EncodedInput.TokenIds(probeIds(1)));
    }

    @Override
    public List<EncodedInput> probeInputs(boolean equalLengths) {
        int[] lengths = equalLengths ? new int[] {3, 3, 3} : new int[] {3, 1, 2};
        List<EncodedInput> inputs = new ArrayList<>();
        for (int k = 0; k < lengths.length; k++) {
            long[] ids = new long[Math.min(lengths[k], maxLength)];
            for (int i = 0; i < ids.length; i++) {
                // ids 1.. (never padding), a different walk through the vocabulary per input
                ids[i] = 1 + (k + i * (k + 2L)) % Math.max(1, vocabularySize() - 1);
            }
            inputs.add(new EncodedInput.TokenIds(ids));
        }
        return inputs;
    }

    private long[] probeIds(int length) {
        long[] ids = new long[length];
        for (int i = 0; i < length; i++) {
            ids[i] = Math.min(vocabularySize() - 1, 2 + i);
        }
        return ids;
    }

    @Override
    public void checkServable(String path) {
        if (maxLength < 1 || maxLength > MAX_TOKENS) {
            throw new InvalidInputSpecException(
                    path + ".maxLength", path + ".maxLength must be 1 to " + MAX_TOKENS + " tokens, got " + maxLength);
        }
        if (tokens == TokenizerKind.TUTORIAL_LETTERS) {
            checkTutorialLetters(path);
        }
        try {
            encoder();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputSpecException(path + ".vocabulary", e.getMessage());
        }
    }

    private void checkTutorialLetters(String path) {
        if (normalization != Normalization.NFD) {
            throw new InvalidInputSpecException(
                    path + ".normalization",
                    path + ".normalization must be NFD (or left out) with TUTORIAL_LETTERS tokens: the tutorial"
                            + " decomposes accented letters and keeps their base letter");
        }
        if (lowerCase != null && lowerCase) {
            throw new InvalidInputSpecException(
                    path + ".lowerCase",
                    path + ".lowerCase must be false with TUTORIAL_LETTERS tokens: capitals are letters of their own");
        }
    }

    @Override
    public void checkReadableBy(Architecture architecture, String path) {
        // the embedding's width is the network's to choose, and its rows are the vocabulary's size,
        // which every kind checks; the tutorial's cell reads its letters by their fixed positions
        if (architecture.cell() != CellType.TUTORIAL_RNN) {
            return;
        }
        if (tokens != TokenizerKind.TUTORIAL_LETTERS) {
            throw new InvalidInputSpecException(
                    path + ".tokens",
                    path + ".tokens must be TUTORIAL_LETTERS for the tutorial-rnn cell, got " + tokens);
        }
        if (!vocabulary.equals(TutorialLetters.VOCABULARY)) {
            throw new InvalidInputSpecException(
                    path + ".vocabulary",
                    path + ".vocabulary must be left out for the tutorial-rnn cell, or be <pad>, <unk> and the"
                            + " tutorial's 57 letters in its order (a-z, A-Z, space . , ; ')");
        }
    }

    @Override
    public String description() {
        return String.format(
                Locale.ROOT,
                "text (%s, %s, vocabulary %d, up to %d tokens)",
                tokens.name().toLowerCase(Locale.ROOT),
                normalization,
                vocabularySize(),
                maxLength);
    }

    @Override
    public Map<String, Object> card() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("tokens", tokens);
        card.put("normalization", normalization);
        card.put("lowerCase", lowerCase);
        card.put("maxTokens", maxLength);
        card.put("vocabularySize", vocabularySize());
        return card;
    }

    @Override
    public RequestForm requestForm() {
        return new RequestForm("text", List.of("text", "texts"), "maxTextLength", Map.of("text", "Nakamura"));
    }
}
