package io.github.rnnserving.report;

import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.TrainingSection;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.ClassificationMetrics.ClassMetrics;
import io.github.rnnserving.training.EpochStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code model.json} says about how a model was trained and how it scored, read from the
 * manifest's {@code training}, {@code dataset} and {@code metrics} sections (as {@code
 * TrainingPipeline} writes them), with a Markdown section for the model documentation ({@link
 * ReportMarkdown}). Every part
 * is optional: an imported model may record no history, no split and no test metrics, and the
 * report then says so instead of failing. A part that is present but malformed is an error.
 */
public final class ModelReport {

    /** One off-diagonal cell of the confusion matrix: {@code count} test examples of {@code actual} taken for {@code predicted}. */
    public record Confusion(String actual, String predicted, long count) {}

    private final ModelManifest manifest;
    private final List<EpochStats> history;
    private final long[][] confusionMatrix;
    private final List<ClassMetrics> perClass;
    /** Scores worked out from the matrix, for those model.json does not record; null without a matrix. */
    private final ClassificationMetrics computed;

    private ModelReport(ModelManifest manifest) {
        this.manifest = manifest;
        List<TrainingSection.Epoch> epochs = manifest.training().history();
        this.history = epochs == null
                ? List.of()
                : epochs.stream().map(ModelReport::epochStats).toList();
        this.confusionMatrix = manifest.metrics().confusionMatrix();
        int classes = manifest.labels().size();
        if (confusionMatrix != null) {
            boolean square = confusionMatrix.length == classes;
            for (long[] row : confusionMatrix) {
                square &= row != null && row.length == classes;
            }
            if (!square) {
                throw new IllegalArgumentException("model.json metrics.confusionMatrix is not " + classes + " x "
                        + classes + " (one row and column per label)");
            }
        }
        List<ClassMetrics> recorded = classMetrics(manifest.metrics().perClass());
        this.computed = confusionMatrix == null
                ? null
                : ClassificationMetrics.fromConfusionMatrix(manifest.labels(), confusionMatrix);
        if (recorded == null && computed != null) {
            recorded = computed.perClass();
        }
        this.perClass = recorded == null ? List.of() : List.copyOf(recorded);
    }

    private static EpochStats epochStats(TrainingSection.Epoch e) {
        return new EpochStats(
                e.epoch(),
                e.trainLoss(),
                e.trainAccuracy(),
                e.validationLoss(),
                e.validationAccuracy(),
                e.learningRate(),
                e.samplesPerSecond(),
                e.seconds(),
                e.validationBitsPerCharacter(),
                e.validationPerplexity());
    }

    /** The recorded scores as the metrics type, whose checks (a negative support) still apply. */
    private static List<ClassMetrics> classMetrics(List<EvaluationSection.ClassScore> scores) {
        if (scores == null) {
            return null;
        }
        try {
            return scores.stream()
                    .map(c -> new ClassMetrics(c.label(), c.precision(), c.recall(), c.f1(), c.support()))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model.json metrics.perClass is malformed: " + e.getMessage(), e);
        }
    }

    public static ModelReport of(ModelManifest manifest) {
        return new ModelReport(manifest);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public String name() {
        return manifest.name();
    }

    public String version() {
        return manifest.version();
    }

    public List<String> labels() {
        return manifest.labels();
    }

    /** Per-epoch statistics, first epoch first; empty when model.json records none. */
    public List<EpochStats> history() {
        return history;
    }

    /** The epoch whose weights were kept, or 0 when unknown. */
    public int bestEpoch() {
        Integer recorded = manifest.training().bestEpoch();
        if (recorded != null) {
            return recorded;
        }
        return history.stream()
                .max(Comparator.comparingDouble(EpochStats::validationAccuracy))
                .map(EpochStats::epoch)
                .orElse(0);
    }

    /** The test confusion matrix (rows = actual, columns = predicted), or null when not recorded. */
    public long[][] confusionMatrix() {
        if (confusionMatrix == null) {
            return null;
        }
        long[][] copy = new long[confusionMatrix.length][];
        for (int row = 0; row < copy.length; row++) {
            copy[row] = confusionMatrix[row].clone();
        }
        return copy;
    }

    /** Per-class test scores in label order; empty when not recorded. */
    public List<ClassMetrics> perClass() {
        return perClass;
    }

    /** The {@code limit} largest off-diagonal counts, largest first; ties in matrix order. */
    public List<Confusion> topConfusions(int limit) {
        if (confusionMatrix == null) {
            return List.of();
        }
        List<Confusion> confusions = new ArrayList<>();
        for (int actual = 0; actual < confusionMatrix.length; actual++) {
            for (int predicted = 0; predicted < confusionMatrix.length; predicted++) {
                if (actual != predicted && confusionMatrix[actual][predicted] > 0) {
                    confusions.add(new Confusion(
                            labels().get(actual), labels().get(predicted), confusionMatrix[actual][predicted]));
                }
            }
        }
        // a stable sort keeps row-major order among equal counts
        confusions.sort(Comparator.comparingLong(Confusion::count).reversed());
        return List.copyOf(confusions.subList(0, Math.min(limit, confusions.size())));
    }

    /**
     * A Markdown section for this model. The links are written as given (relative to the Markdown
     * file); a null link means that image was not drawn, and the section says why.
     */
    public String toMarkdown(String learningCurveLink, String confusionMatrixLink) {
        return ReportMarkdown.section(this, learningCurveLink, confusionMatrixLink);
    }

    /** Scores worked out from the confusion matrix, for those model.json does not record; null without one. */
    ClassificationMetrics computed() {
        return computed;
    }
}
