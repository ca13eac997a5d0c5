package io.github.rnnserving.training;

/**
 * A language model scored on texts: the mean cross-entropy per target position (each character and
 * one end per text, natural log), the same in bits ({@code loss / ln 2}), perplexity ({@code
 * e^loss}) and how often the most likely next token was the right one.
 */
public record LanguageModelMetrics(
        double loss, double bitsPerCharacter, double perplexity, double accuracy, long positions, int texts) {

    private static final double LN_2 = Math.log(2);

    static LanguageModelMetrics of(double lossSum, long correct, long positions, int texts) {
        if (positions == 0) {
            return new LanguageModelMetrics(0, 0, 1, 0, 0, texts);
        }
        double loss = lossSum / positions;
        return new LanguageModelMetrics(
                loss, loss / LN_2, Math.exp(loss), (double) correct / positions, positions, texts);
    }
}
