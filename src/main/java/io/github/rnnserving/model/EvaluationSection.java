package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code model.json}'s {@code metrics}: how the model scored on its test split (and the best
 * validation accuracy). Every field may be absent, an imported model recording only some of them;
 * absent stays null and unwritten. The confusion matrix has rows = actual, columns = predicted, in
 * label order; whether it is square is the reader's check, so that the reader can say where. A
 * generator records bits per character and perplexity instead of the per-class scores (older
 * bundles, and classifiers, lack them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluationSection(
        Double testAccuracy,
        Double testLoss,
        Double macroF1,
        Double weightedF1,
        Double validationAccuracy,
        Long testSize,
        List<ClassScore> perClass,
        long[][] confusionMatrix,
        Double validationBitsPerCharacter,
        Double validationPerplexity,
        Double testBitsPerCharacter,
        Double testPerplexity) {

    /** What a manifest without a {@code metrics} section holds. */
    public static final EvaluationSection EMPTY =
            new EvaluationSection(null, null, null, null, null, null, null, null, null, null, null, null);

    /** A classifier's metrics. */
    public EvaluationSection(
            Double testAccuracy,
            Double testLoss,
            Double macroF1,
            Double weightedF1,
            Double validationAccuracy,
            Long testSize,
            List<ClassScore> perClass,
            long[][] confusionMatrix) {
        this(
                testAccuracy,
                testLoss,
                macroF1,
                weightedF1,
                validationAccuracy,
                testSize,
                perClass,
                confusionMatrix,
                null,
                null,
                null,
                null);
    }

    /**
     * A generator's metrics: loss per target position (characters and one end per text), in bits
     * and as perplexity, on the validation split (of the best epoch) and the test split. {@code
     * testSize} counts texts; {@code testAccuracy} is that of the next character.
     */
    public static EvaluationSection generator(
            double testLoss,
            double testAccuracy,
            long testSize,
            double validationBitsPerCharacter,
            double testBitsPerCharacter) {
        double ln2 = Math.log(2);
        return new EvaluationSection(
                testAccuracy,
                testLoss,
                null,
                null,
                null,
                testSize,
                null,
                null,
                validationBitsPerCharacter,
                Math.exp(validationBitsPerCharacter * ln2),
                testBitsPerCharacter,
                Math.exp(testBitsPerCharacter * ln2));
    }

    public EvaluationSection {
        perClass = perClass == null ? null : List.copyOf(perClass);
        confusionMatrix = copy(confusionMatrix);
    }

    /** A copy: the record stays immutable even though arrays are not. */
    @Override
    public long[][] confusionMatrix() {
        return copy(confusionMatrix);
    }

    private static long[][] copy(long[][] matrix) {
        if (matrix == null) {
            return null;
        }
        long[][] copy = new long[matrix.length][];
        for (int row = 0; row < matrix.length; row++) {
            copy[row] = matrix[row] == null ? null : matrix[row].clone();
        }
        return copy;
    }

    /** One class's test scores, as {@code ClassificationMetrics.ClassMetrics} writes them. */
    public record ClassScore(String label, double precision, double recall, double f1, long support) {}
}
