package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.training.ClassificationMetrics.ClassMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClassificationMetricsTest {

    private static final double TOLERANCE = 1e-12;
    private static final List<String> LABELS = List.of("cat", "dog", "bird");

    // Confusion matrix (rows = actual, columns = predicted):
    //          cat dog bird   support
    //   cat      3   1   0       4
    //   dog      2   1   0       3
    //   bird     0   1   2       3
    //   column   5   3   2      10
    private static final int[] ACTUAL = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 0, 1, 0, 0, 1, 1, 2, 2};

    private static final ClassificationMetrics EXAMPLE = ClassificationMetrics.of(LABELS, ACTUAL, PREDICTED);

    @Test
    void buildsConfusionMatrixWithActualRowsAndPredictedColumns() {
        assertThat(EXAMPLE.confusionMatrix()).isDeepEqualTo(new long[][] {{3, 1, 0}, {2, 1, 0}, {0, 1, 2}});
        assertThat(EXAMPLE.total()).isEqualTo(10);
    }

    @Test
    void computesAccuracy() {
        // Diagonal 3 + 1 + 2 = 6 of 10.
        assertThat(EXAMPLE.accuracy()).isCloseTo(0.6, within(TOLERANCE));
    }

    @Test
    void computesPerClassScores() {
        List<ClassMetrics> perClass = EXAMPLE.perClass();

        // cat: P = 3/5, R = 3/4, F1 = 2 * 0.6 * 0.75 / 1.35 = 2/3
        assertClass(perClass.get(0), "cat", 3.0 / 5, 3.0 / 4, 2.0 / 3, 4);
        // dog: P = 1/3, R = 1/3, F1 = 1/3
        assertClass(perClass.get(1), "dog", 1.0 / 3, 1.0 / 3, 1.0 / 3, 3);
        // bird: P = 2/2, R = 2/3, F1 = 2 * (2/3) / (5/3) = 4/5
        assertClass(perClass.get(2), "bird", 1.0, 2.0 / 3, 4.0 / 5, 3);
    }

    @Test
    void computesAveragedF1() {
        // (2/3 + 1/3 + 4/5) / 3 = 0.6
        assertThat(EXAMPLE.macroF1()).isCloseTo(0.6, within(TOLERANCE));
        // (4 * 2/3 + 3 * 1/3 + 3 * 4/5) / 10 = 91/150
        assertThat(EXAMPLE.weightedF1()).isCloseTo(91.0 / 150, within(TOLERANCE));
    }

    @Test
    void neverPredictedClassHasZeroPrecisionAndF1() {
        // "bird" is never predicted and never right: P = 0/0 -> 0, R = 0, F1 = 0 (P + R = 0).
        ClassificationMetrics metrics =
                ClassificationMetrics.of(LABELS, new int[] {0, 1, 2, 2}, new int[] {0, 1, 0, 1});

        assertClass(metrics.perClass().get(2), "bird", 0, 0, 0, 2);
        assertThat(metrics.accuracy()).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void classWithoutExamplesHasZeroRecall() {
        ClassificationMetrics metrics = ClassificationMetrics.of(LABELS, new int[] {0, 1}, new int[] {2, 1});

        assertClass(metrics.perClass().get(2), "bird", 0, 0, 0, 0);
        assertClass(metrics.perClass().get(1), "dog", 1, 1, 1, 1);
    }

    @Test
    void emptyEvaluationScoresZeroNotNaN() {
        ClassificationMetrics metrics = ClassificationMetrics.of(LABELS, new int[0], new int[0]);

        assertThat(metrics.accuracy()).isEqualTo(0);
        assertThat(metrics.macroF1()).isEqualTo(0);
        assertThat(metrics.weightedF1()).isEqualTo(0);
        assertThat(metrics.total()).isEqualTo(0);
    }

    @Test
    void accumulatorMatchesOneShotResult() {
        ConfusionMatrix first = new ConfusionMatrix(LABELS);
        ConfusionMatrix second = new ConfusionMatrix(LABELS);
        for (int i = 0; i < ACTUAL.length; i++) {
            (i < 5 ? first : second).add(ACTUAL[i], PREDICTED[i]);
        }

        first.addAll(second);

        assertThat(first.total()).isEqualTo(10);
        assertThat(first.count(1, 0)).isEqualTo(2);
        assertThat(first.toMetrics()).isEqualTo(EXAMPLE);
    }

    @Test
    void accumulatorRejectsBadInput() {
        ConfusionMatrix matrix = new ConfusionMatrix(LABELS);

        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> matrix.add(3, 0));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> matrix.add(0, -1));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> matrix.addAll(new int[] {0, 1}, new int[] {0}));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> matrix.addAll(new int[] {0, 1}, new int[] {0, 7}));
        assertThat(matrix.total())
                .as("a rejected batch must leave no partial counts")
                .isEqualTo(0);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> matrix.addAll(new ConfusionMatrix(List.of("cat", "dog"))));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ConfusionMatrix(List.of("a", "a")));
    }

    @Test
    void isImmutable() {
        long[][] counts = {{1, 0}, {0, 1}};
        ClassificationMetrics metrics = ClassificationMetrics.fromConfusionMatrix(List.of("yes", "no"), counts);

        counts[0][0] = 99;
        metrics.confusionMatrix()[0][0] = 99;

        assertThat(metrics.confusionMatrix()[0][0]).isEqualTo(1);
        assertThat(metrics.accuracy()).isEqualTo(1.0);
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> metrics.perClass().clear());
    }

    @Test
    void rejectsMatrixOfWrongShape() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> ClassificationMetrics.fromConfusionMatrix(LABELS, new long[2][2]));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() ->
                        ClassificationMetrics.fromConfusionMatrix(LABELS, new long[][] {{1, 2, 3}, {1, 2}, {1, 2, 3}}));
    }

    @Test
    void roundTripsThroughJackson() {
        JsonMapper mapper = JsonMapper.builder().build();

        String json = mapper.writeValueAsString(EXAMPLE);
        ClassificationMetrics restored = mapper.readValue(json, ClassificationMetrics.class);

        assertThat(json.contains("\"macroF1\":0.6")).as(json).isTrue();
        assertThat(json.contains("\"confusionMatrix\":[[3,1,0],[2,1,0],[0,1,2]]"))
                .as(json)
                .isTrue();
        assertThat(restored).isEqualTo(EXAMPLE);
    }

    @Test
    void rendersFixedWidthTable() {
        String expected = String.join(
                "\n",
                "              precision     recall         f1    support",
                "cat              0.6000     0.7500     0.6667          4",
                "dog              0.3333     0.3333     0.3333          3",
                "bird             1.0000     0.6667     0.8000          3",
                "",
                "accuracy                               0.6000         10",
                "macro avg        0.6444     0.5833     0.6000         10",
                "weighted avg     0.6400     0.6000     0.6067         10",
                "",
                "confusion matrix (rows = actual, columns = predicted)",
                "               cat   dog  bird",
                "cat              3     1     0",
                "dog              2     1     0",
                "bird             0     1     2",
                "");

        assertThat(EXAMPLE.toTable()).isEqualTo(expected);
    }

    @Test
    void truncatesLongLabels() {
        List<String> longLabels = List.of("positive sentiment label", "negative", "neutral and something very long");

        String table = ClassificationMetrics.of(longLabels, ACTUAL, PREDICTED).toTable();

        // Table rows keep up to 24 characters; matrix column headers up to 10.
        assertThat(table.contains("\nneutral and something v…     1.0000"))
                .as(table)
                .isTrue();
        assertThat(table.contains("\n                          positive …    negative  neutral a…\n"))
                .as(table)
                .isTrue();
        assertThat(table.contains("\nneutral and something v…           0           1           2\n"))
                .as(table)
                .isTrue();
    }

    private static void assertClass(
            ClassMetrics actual, String label, double precision, double recall, double f1, long support) {
        assertThat(actual.label()).isEqualTo(label);
        assertThat(actual.precision()).as(label + " precision").isCloseTo(precision, within(TOLERANCE));
        assertThat(actual.recall()).as(label + " recall").isCloseTo(recall, within(TOLERANCE));
        assertThat(actual.f1()).as(label + " f1").isCloseTo(f1, within(TOLERANCE));
        assertThat(actual.support()).as(label + " support").isEqualTo(support);
    }
}
