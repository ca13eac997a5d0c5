package io.github.rnnserving.training;

import java.util.List;

/**
 * What {@link CharTrigramBaseline} measured: each model's bits per character and perplexity on the
 * validation and test splits, the tuned settings, and what was counted.
 *
 * @param vocabularySize predicted symbols: the training characters, the end symbol and the unknown
 *     symbol
 * @param unconditionedDiscounts of the all-languages model, tuned on validation
 * @param languageDiscounts shared by the per-language models, tuned on validation
 * @param languageWeight λ of {@code λ · per-language + (1 − λ) · all-languages}, tuned on validation
 */
public record BaselineReport(
        String dataset,
        int vocabularySize,
        List<String> conditions,
        SplitCounts train,
        SplitCounts validation,
        SplitCounts test,
        KneserNeyDiscounts unconditionedDiscounts,
        KneserNeyDiscounts languageDiscounts,
        double languageWeight,
        List<Score> scores) {

    public BaselineReport {
        conditions = List.copyOf(conditions);
        scores = List.copyOf(scores);
    }

    /**
     * @param names texts scored (a text with no characters is left out and counted in {@code empty})
     * @param symbols counted units: characters plus one end symbol per name
     * @param unknown characters absent from the training split, scored as the unknown symbol
     */
    public record SplitCounts(int names, long symbols, long unknown, int empty) {}

    /** One model's scores in bits per counted symbol; perplexity is per counted symbol, {@code 2^bits}. */
    public record Score(
            String model, double validationBits, double testBits, double validationPerplexity, double testPerplexity) {

        static Score of(String model, double validationBits, double testBits) {
            return new Score(model, validationBits, testBits, Math.pow(2, validationBits), Math.pow(2, testBits));
        }
    }

    public Score score(String model) {
        return scores.stream()
                .filter(s -> s.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no score for " + model));
    }
}
