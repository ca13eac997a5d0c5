package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code model.json}'s {@code metrics}: how the model scored on its test split (and the best
 * validation accuracy). Every field may be absent, an imported model recording only some of them;
 * absent stays null and unwritten. The confusion matrix has rows = actual, columns = predicted, in
 * label order; whether it is square is the reader's check, so that the reader can say where.
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
        long[][] confusionMatrix) {

    /** What a manifest without a {@code metrics} section holds. */
    public static final EvaluationSection EMPTY = new EvaluationSection(null, null, null, null, null, null, null, null);

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
