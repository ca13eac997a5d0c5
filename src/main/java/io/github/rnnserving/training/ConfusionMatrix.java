package io.github.rnnserving.training;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Counts (actual, predicted) class pairs as batches are evaluated, so an evaluation loop need not
 * keep every prediction. Rows are actual classes, columns predicted classes.
 *
 * <p>Mutable and not thread-safe: give each evaluation thread its own and {@link #addAll(
 * ConfusionMatrix) merge} them.
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final long[][] counts;

    /** @param labels class names, in class-index order; must be distinct */
    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (new HashSet<>(this.labels).size() != this.labels.size()) {
            throw new IllegalArgumentException("labels must be distinct, got " + labels);
        }
        this.counts = new long[this.labels.size()][this.labels.size()];
    }

    public List<String> labels() {
        return labels;
    }

    public int classCount() {
        return labels.size();
    }

    public void add(int actual, int predicted) {
        checkClass("actual", actual);
        checkClass("predicted", predicted);
        counts[actual][predicted]++;
    }

    public void addAll(int[] actual, int[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(
                    actual.length + " actual classes but " + predicted.length + " predictions");
        }
        // Check everything first so that a bad index leaves the counts untouched.
        for (int i = 0; i < actual.length; i++) {
            checkClass("actual[" + i + "]", actual[i]);
            checkClass("predicted[" + i + "]", predicted[i]);
        }
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
    }

    /** Adds the counts of {@code other}, which must have the same labels. */
    public void addAll(ConfusionMatrix other) {
        if (!labels.equals(other.labels)) {
            throw new IllegalArgumentException("cannot merge labels " + other.labels + " into " + labels);
        }
        for (int row = 0; row < counts.length; row++) {
            for (int column = 0; column < counts.length; column++) {
                counts[row][column] += other.counts[row][column];
            }
        }
    }

    public long count(int actual, int predicted) {
        checkClass("actual", actual);
        checkClass("predicted", predicted);
        return counts[actual][predicted];
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }

    /** A copy of the counts, rows = actual, columns = predicted. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int row = 0; row < counts.length; row++) {
            copy[row] = counts[row].clone();
        }
        return copy;
    }

    public ClassificationMetrics toMetrics() {
        return ClassificationMetrics.fromConfusionMatrix(labels, counts);
    }

    private void checkClass(String what, int index) {
        if (index < 0 || index >= labels.size()) {
            throw new IllegalArgumentException(what + " class " + index + " is not in [0, " + labels.size() + ")");
        }
    }
}
