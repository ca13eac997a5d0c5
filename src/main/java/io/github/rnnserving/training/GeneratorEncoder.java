package io.github.rnnserving.training;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns labelled texts into a language model's {@link TextSequences}: the text's characters through
 * the model's tokenizer and vocabulary (a character outside it reads as {@code <unk>}), framed by
 * end tokens, and its label as the condition.
 */
public final class GeneratorEncoder {

    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final int maxLength;
    private final Map<String, Integer> conditionIndex = new HashMap<>();

    /** @param conditions the model's conditions; empty for an unconditioned model, which ignores labels */
    public GeneratorEncoder(TextInputSpec input, List<String> conditions) {
        this.tokenizer = new Tokenizer(input.tokens(), input.normalization(), Boolean.TRUE.equals(input.lowerCase()));
        this.vocabulary = Vocabulary.fromTokens(input.vocabulary());
        this.maxLength = input.maxLength();
        for (int i = 0; i < conditions.size(); i++) {
            conditionIndex.put(conditions.get(i), i);
        }
    }

    /**
     * A generator's vocabulary from its training texts: {@code <pad>}, {@code <unk>}, the end token,
     * then the characters, most frequent first, ties in code-point order.
     */
    public static TextInputSpec fit(
            Tokenizer tokenizer, List<? extends Example> train, int minFrequency, int maxVocabulary, int maxLength) {
        List<List<String>> tokenized = new ArrayList<>(train.size());
        for (Example example : train) {
            tokenized.add(tokenizer.tokenize(((TextExample) example).text()));
        }
        return TextInputSpec.of(tokenizer, Vocabulary.forGenerator(tokenized, minFrequency, maxVocabulary), maxLength);
    }

    /** Encoded texts; a text with no characters (after normalisation) teaches nothing and is left out. */
    public Encoded encode(List<? extends Example> examples) {
        List<long[]> rows = new ArrayList<>(examples.size());
        int[] conditions = new int[examples.size()];
        int empty = 0;
        for (Example example : examples) {
            int condition = condition(example);
            List<String> tokens = tokenizer.tokenize(((TextExample) example).text());
            if (tokens.isEmpty()) {
                empty++;
                continue;
            }
            boolean cut = tokens.size() > maxLength;
            List<String> kept = cut ? tokens.subList(0, maxLength) : tokens;
            long[] row = new long[kept.size() + (cut ? 1 : 2)];
            row[0] = Vocabulary.END_INDEX;
            System.arraycopy(vocabulary.encode(kept), 0, row, 1, kept.size());
            if (!cut) {
                row[row.length - 1] = Vocabulary.END_INDEX;
            }
            conditions[rows.size()] = condition;
            rows.add(row);
        }
        return new Encoded(new TextSequences(rows, Arrays.copyOf(conditions, rows.size())), empty);
    }

    private int condition(Example example) {
        if (conditionIndex.isEmpty()) {
            return -1;
        }
        Integer index = conditionIndex.get(example.label());
        if (index == null) {
            throw new TrainingFailedException("label '" + example.label() + "' is not one of the model's conditions");
        }
        return index;
    }

    /** Texts as rows, and how many were left out for having no characters. */
    public record Encoded(TextSequences data, int emptyTexts) {}
}
