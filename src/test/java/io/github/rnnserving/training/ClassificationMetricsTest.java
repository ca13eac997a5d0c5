package io.github.rnnserving.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertArrayEquals(new long[][] {{3, 1, 0}, {2, 1, 0}, {0, 1, 2}}, EXAMPLE.confusionMatrix());
        assertEquals(10, EXAMPLE.total());
    }

    @Test
    void computesAccuracy() {
        // Diagonal 3 + 1 + 2 = 6 of 10.
        assertEquals(0.6, EXAMPLE.accuracy(), TOLERANCE);
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
        assertEquals(0.6, EXAMPLE.macroF1(), TOLERANCE);
        // (4 * 2/3 + 3 * 1/3 + 3 * 4/5) / 10 = 91/150
        assertEquals(91.0 / 150, EXAMPLE.weightedF1(), TOLERANCE);
    }

    @Test
    void neverPredictedClassHasZeroPrecisionAndF1() {
        // "bird" is never predicted and never right: P = 0/0 -> 0, R = 0, F1 = 0 (P + R = 0).
        ClassificationMetrics metrics =
                ClassificationMetrics.of(LABELS, new int[] {0, 1, 2, 2}, new int[] {0, 1, 0, 1});

        assertClass(metrics.perClass().get(2), "bird", 0, 0, 0, 2);
        assertEquals(0.5, metrics.accuracy(), TOLERANCE);
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

        assertEquals(0, metrics.accuracy());
        assertEquals(0, metrics.macroF1());
        assertEquals(0, metrics.weightedF1());
        assertEquals(0, metrics.total());
    }

    @Test
    void accumulatorMatchesOneShotResult() {
        ConfusionMatrix first = new ConfusionMatrix(LABELS);
        ConfusionMatrix second = new ConfusionMatrix(LABELS);
        for (int i = 0; i < ACTUAL.length; i++) {
            (i < 5 ? first : second).add(ACTUAL[i], PREDICTED[i]);
        }

        first.addAll(second);

        assertEquals(10, first.total());
        assertEquals(2, first.count(1, 0));
        assertEquals(EXAMPLE, first.toMetrics());
    }

    @Test
    void accumulatorRejectsBadInput() {
        ConfusionMatrix matrix = new ConfusionMatrix(LABELS);

        assertThrows(IllegalArgumentException.class, () -> matrix.add(3, 0));
        assertThrows(IllegalArgumentException.class, () -> matrix.add(0, -1));
        assertThrows(IllegalArgumentException.class, () -> matrix.addAll(new int[] {0, 1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> matrix.addAll(new int[] {0, 1}, new int[] {0, 7}));
        assertEquals(0, matrix.total(), "a rejected batch must leave no partial counts");
        assertThrows(IllegalArgumentException.class, () -> matrix.addAll(new ConfusionMatrix(List.of("cat", "dog"))));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(List.of("a", "a")));
    }

    @Test
    void isImmutable() {
        long[][] counts = {{1, 0}, {0, 1}};
        ClassificationMetrics metrics = ClassificationMetrics.fromConfusionMatrix(List.of("yes", "no"), counts);

        counts[0][0] = 99;
        metrics.confusionMatrix()[0][0] = 99;

        assertEquals(1, metrics.confusionMatrix()[0][0]);
        assertEquals(1.0, metrics.accuracy());
        assertThrows(
                UnsupportedOperationException.class, () -> metrics.perClass().clear());
    }

    @Test
    void rejectsMatrixOfWrongShape() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ClassificationMetrics.fromConfusionMatrix(LABELS, new long[2][2]));
        assertThrows(
                IllegalArgumentException.class,
                () -> ClassificationMetrics.fromConfusionMatrix(LABELS, new long[][] {{1, 2, 3}, {1, 2}, {1, 2, 3}}));
    }

    @Test
    void roundTripsThroughJackson() {
        JsonMapper mapper = JsonMapper.builder().build();

        String json = mapper.writeValueAsString(EXAMPLE);
        ClassificationMetrics restored = mapper.readValue(json, ClassificationMetrics.class);

        assertTrue(json.contains("\"macroF1\":0.6"), json);
        assertTrue(json.contains("\"confusionMatrix\":[[3,1,0],[2,1,0],[0,1,2]]"), json);
        assertEquals(EXAMPLE, restored);
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

        assertEquals(expected, EXAMPLE.toTable());
    }

    @Test
    void truncatesLongLabels() {
        List<String> longLabels = List.of("positive sentiment label", "negative", "neutral and something very long");

        String table = ClassificationMetrics.of(longLabels, ACTUAL, PREDICTED).toTable();

        // Table rows keep up to 24 characters; matrix column headers up to 10.
        assertTrue(table.contains("\nneutral and something v…     1.0000"), table);
        assertTrue(table.contains("\n                          positive …    negative  neutral a…\n"), table);
        assertTrue(table.contains("\nneutral and something v…           0           1           2\n"), table);
    }

    private static void assertClass(
            ClassMetrics actual, String label, double precision, double recall, double f1, long support) {
        assertEquals(label, actual.label());
        assertEquals(precision, actual.precision(), TOLERANCE, label + " precision");
        assertEquals(recall, actual.recall(), TOLERANCE, label + " recall");
        assertEquals(f1, actual.f1(), TOLERANCE, label + " f1");
        assertEquals(support, actual.support(), label + " support");
    }
}
