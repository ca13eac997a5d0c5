package io.github.rnnserving.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Accuracy, per-class precision/recall/F1 and their averages, with the confusion matrix they
 * come from. Immutable; serialises to and from JSON as a plain record.
 *
 * <p>Where a ratio has a zero denominator it is reported as 0, never NaN, because NaN is not valid
 * JSON and 0 is what scikit-learn reports for these cases too: the precision of a class that was
 * never predicted, the recall of a class with no examples, the F1 of a class whose precision and
 * recall are both 0, and the accuracy and weighted F1 of an empty evaluation.
 *
 * <p>Build it with {@link #of} or {@link #fromConfusionMatrix}; the canonical constructor is for
 * deserialisation and does not recompute the figures it is given.
 *
 * @param labels class names in class-index order
 * @param confusionMatrix counts, rows = actual class, columns = predicted class
 * @param accuracy fraction of examples whose predicted class is the actual one
 * @param perClass one entry per label, in label order
 * @param macroF1 unweighted mean of the per-class F1 scores
 * @param weightedF1 mean of the per-class F1 scores weighted by support
 */
public record ClassificationMetrics(
        List<String> labels,
        long[][] confusionMatrix,
        double accuracy,
        List<ClassMetrics> perClass,
        double macroF1,
        double weightedF1) {

    private static final int MAX_LABEL_WIDTH = 24;
    private static final int MAX_MATRIX_HEADER_WIDTH = 10;
    private static final String[] AVERAGE_ROW_NAMES = {"accuracy", "macro avg", "weighted avg"};

    /**
     * Scores of one class.
     *
     * @param support number of examples whose actual class this is
     */
    public record ClassMetrics(String label, double precision, double recall, double f1, long support) {

        public ClassMetrics {
            Objects.requireNonNull(label, "label");
        }
    }

    public ClassificationMetrics {
        labels = List.copyOf(labels);
        perClass = List.copyOf(perClass);
        confusionMatrix = copyOf(confusionMatrix);
        int classCount = labels.size();
        if (new HashSet<>(labels).size() != classCount) {
            throw new IllegalArgumentException("labels must be distinct, got " + labels);
        }
        if (confusionMatrix.length != classCount || perClass.size() != classCount) {
            throw new IllegalArgumentException(classCount + " labels but a confusion matrix of "
                    + confusionMatrix.length + " rows and " + perClass.size() + " per-class entries");
        }
        for (long[] row : confusionMatrix) {
            if (row.length != classCount) {
                throw new IllegalArgumentException(
                        "confusion matrix rows must have " + classCount + " columns, got " + row.length);
            }
            for (long count : row) {
                if (count < 0) {
                    throw new IllegalArgumentException("negative count " + count);
                }
            }
        }
    }

    /** Scores predictions against the actual classes; both arrays hold indices into labels. */
    public static ClassificationMetrics of(List<String> labels, int[] actual, int[] predicted) {
        ConfusionMatrix matrix = new ConfusionMatrix(labels);
        matrix.addAll(actual, predicted);
        return matrix.toMetrics();
    }

    /** Computes every score from the counts (rows = actual, columns = predicted). */
    public static ClassificationMetrics fromConfusionMatrix(List<String> labels, long[][] confusionMatrix) {
        int classCount = labels.size();
        if (confusionMatrix.length != classCount) {
            throw new IllegalArgumentException(classCount + " labels but " + confusionMatrix.length + " matrix rows");
        }
        long total = 0;
        long correct = 0;
        long[] predictedCounts = new long[classCount];
        for (int actual = 0; actual < classCount; actual++) {
            if (confusionMatrix[actual].length != classCount) {
                throw new IllegalArgumentException("matrix row " + actual + " has " + confusionMatrix[actual].length
                        + " columns, expected " + classCount);
            }
            for (int predicted = 0; predicted < classCount; predicted++) {
                long count = confusionMatrix[actual][predicted];
                total += count;
                predictedCounts[predicted] += count;
            }
            correct += confusionMatrix[actual][actual];
        }

        List<ClassMetrics> perClass = new ArrayList<>(classCount);
        double f1Sum = 0;
        double supportWeightedF1Sum = 0;
        for (int label = 0; label < classCount; label++) {
            long truePositives = confusionMatrix[label][label];
            long support = Arrays.stream(confusionMatrix[label]).sum();
            double precision = ratio(truePositives, predictedCounts[label]);
            double recall = ratio(truePositives, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(labels.get(label), precision, recall, f1, support));
            f1Sum += f1;
            supportWeightedF1Sum += f1 * support;
        }
        double macroF1 = classCount == 0 ? 0 : f1Sum / classCount;
        double weightedF1 = total == 0 ? 0 : supportWeightedF1Sum / total;
        return new ClassificationMetrics(labels, confusionMatrix, ratio(correct, total), perClass, macroF1, weightedF1);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /** A copy: the record stays immutable even though arrays are not. */
    @Override
    public long[][] confusionMatrix() {
        return copyOf(confusionMatrix);
    }

    /** Number of examples scored. */
    public long total() {
        long total = 0;
        for (long[] row : confusionMatrix) {
            total += Arrays.stream(row).sum();
        }
        return total;
    }

    /**
     * A fixed-width report, lines ending in {@code \n}: one row per class, the averages, then the
     * confusion matrix with labels cut to {@value #MAX_MATRIX_HEADER_WIDTH} characters in its
     * header.
     */
    public String toTable() {
        int labelWidth = AVERAGE_ROW_NAMES[2].length();
        for (String label : labels) {
            labelWidth = Math.max(labelWidth, Math.min(width(label), MAX_LABEL_WIDTH));
        }
        StringBuilder table = new StringBuilder();
        table.append(padRight("", labelWidth))
                .append(String.format(Locale.ROOT, "  %9s  %9s  %9s  %9s\n", "precision", "recall", "f1", "support"));
        for (ClassMetrics metrics : perClass) {
            table.append(padRight(truncate(metrics.label(), MAX_LABEL_WIDTH), labelWidth))
                    .append(scoreColumns(metrics.precision(), metrics.recall(), metrics.f1()))
                    .append(String.format(Locale.ROOT, "  %9d\n", metrics.support()));
        }
        long total = total();
        table.append('\n')
                .append(padRight(AVERAGE_ROW_NAMES[0], labelWidth))
                .append(String.format(Locale.ROOT, "  %9s  %9s  %9.4f  %9d\n", "", "", accuracy, total))
                .append(padRight(AVERAGE_ROW_NAMES[1], labelWidth))
                .append(scoreColumns(mean(ClassMetrics::precision), mean(ClassMetrics::recall), macroF1))
                .append(String.format(Locale.ROOT, "  %9d\n", total))
                .append(padRight(AVERAGE_ROW_NAMES[2], labelWidth))
                .append(scoreColumns(
                        weightedMean(ClassMetrics::precision), weightedMean(ClassMetrics::recall), weightedF1))
                .append(String.format(Locale.ROOT, "  %9d\n", total));
        appendConfusionMatrix(table, labelWidth);
        return table.toString();
    }

    private void appendConfusionMatrix(StringBuilder table, int labelWidth) {
        int cellWidth = 1;
        for (String label : labels) {
            cellWidth = Math.max(cellWidth, width(truncate(label, MAX_MATRIX_HEADER_WIDTH)));
        }
        for (long[] row : confusionMatrix) {
            for (long count : row) {
                cellWidth = Math.max(cellWidth, Long.toString(count).length());
            }
        }
        table.append('\n')
                .append("confusion matrix (rows = actual, columns = predicted)")
                .append('\n')
                .append(padRight("", labelWidth));
        for (String label : labels) {
            table.append("  ").append(padLeft(truncate(label, MAX_MATRIX_HEADER_WIDTH), cellWidth));
        }
        table.append('\n');
        for (int actual = 0; actual < labels.size(); actual++) {
            table.append(padRight(truncate(labels.get(actual), MAX_LABEL_WIDTH), labelWidth));
            for (long count : confusionMatrix[actual]) {
                table.append("  ").append(padLeft(Long.toString(count), cellWidth));
            }
            table.append('\n');
        }
    }

    private static String scoreColumns(double precision, double recall, double f1) {
        return String.format(Locale.ROOT, "  %9.4f  %9.4f  %9.4f", precision, recall, f1);
    }

    private double mean(ToDoubleFunction<ClassMetrics> score) {
        return perClass.isEmpty() ? 0 : perClass.stream().mapToDouble(score).sum() / perClass.size();
    }

    private double weightedMean(ToDoubleFunction<ClassMetrics> score) {
        long total = total();
        return total == 0
                ? 0
                : perClass.stream()
                                .mapToDouble(m -> score.applyAsDouble(m) * m.support())
                                .sum()
                        / total;
    }

    // Widths count code points so a label in a supplementary script is not cut mid-character.
    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String truncate(String text, int maxWidth) {
        if (width(text) <= maxWidth) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxWidth - 1)) + "…";
    }

    private static String padRight(String text, int targetWidth) {
        return text + " ".repeat(Math.max(0, targetWidth - width(text)));
    }

    private static String padLeft(String text, int targetWidth) {
        return " ".repeat(Math.max(0, targetWidth - width(text))) + text;
    }

    private static long[][] copyOf(long[][] matrix) {
        long[][] copy = new long[matrix.length][];
        for (int row = 0; row < matrix.length; row++) {
            copy[row] = matrix[row].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassificationMetrics that
                && labels.equals(that.labels)
                && Arrays.deepEquals(confusionMatrix, that.confusionMatrix)
                && Double.compare(accuracy, that.accuracy) == 0
                && perClass.equals(that.perClass)
                && Double.compare(macroF1, that.macroF1) == 0
                && Double.compare(weightedF1, that.weightedF1) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, Arrays.deepHashCode(confusionMatrix), accuracy, perClass, macroF1, weightedF1);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "ClassificationMetrics[labels=%s, accuracy=%.4f, macroF1=%.4f, weightedF1=%.4f,"
                        + " confusionMatrix=%s]",
                labels,
                accuracy,
                macroF1,
                weightedF1,
                Arrays.deepToString(confusionMatrix));
    }
}
