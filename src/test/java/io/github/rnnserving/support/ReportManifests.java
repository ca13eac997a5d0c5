package io.github.rnnserving.support;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.DatasetSection;
import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.ImageRowsInputSpec;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.TrainingSection;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.EpochStats;
import io.github.rnnserving.training.ModelOptions;
import io.github.rnnserving.training.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Manifests for the report: a trained three-class "tiny" model with the sections laid out as
 * {@code TrainingPipeline} writes them (history, settings, split sizes, per-class scores, confusion
 * matrix), and an imported one with test metrics but no history. The "owl" class is small so that
 * per-row colouring shows.
 */
public final class ReportManifests {

    public static final List<String> LABELS = List.of("cat", "dog", "owl");
    /** Rows = actual, columns = predicted. Largest confusions: dog→cat 9, cat→dog 7, cat→owl 3. */
    public static final long[][] MATRIX = {
        {50, 7, 3},
        {9, 40, 1},
        {0, 2, 4},
    };

    public static final int BEST_EPOCH = 3;
    public static final List<EpochStats> HISTORY = List.of(
            new EpochStats(1, 1.05, 0.45, 0.98, 0.50, 0.002, 900, 1.5),
            new EpochStats(2, 0.80, 0.62, 0.79, 0.66, 0.002, 950, 1.4),
            new EpochStats(3, 0.61, 0.74, 0.70, 0.75, 0.002, 1000, 1.3),
            new EpochStats(4, 0.50, 0.80, 0.72, 0.73, 0.002, 1010, 1.3));

    private ReportManifests() {}

    public static ClassificationMetrics metrics() {
        return ClassificationMetrics.fromConfusionMatrix(LABELS, MATRIX);
    }

    /** A trained model, its sections holding what the pipeline records right after training. */
    public static ModelManifest trained() {
        ClassificationMetrics metrics = metrics();
        TrainingSection training = new TrainingSection(
                asMap(TrainingSettings.defaults()),
                asMap(ModelOptions.defaults()),
                BEST_EPOCH,
                0.75,
                false,
                null,
                5.5,
                965.0,
                null,
                HISTORY.stream().map(ReportManifests::epoch).toList());
        DatasetSection dataset = new DatasetSection(null, null, new DatasetSection.SplitSizes(800L, 100L, 116L), null);
        EvaluationSection scores = new EvaluationSection(
                metrics.accuracy(),
                null,
                metrics.macroF1(),
                null,
                null,
                metrics.total(),
                metrics.perClass().stream()
                        .map(c -> new EvaluationSection.ClassScore(
                                c.label(), c.precision(), c.recall(), c.f1(), c.support()))
                        .toList(),
                metrics.confusionMatrix());
        return manifest("tiny", training, dataset, scores);
    }

    /** An imported model: labels, test metrics and confusion matrix, no history, no split. */
    public static ModelManifest imported() {
        ClassificationMetrics metrics = metrics();
        return manifest(
                "imported",
                null,
                null,
                new EvaluationSection(
                        metrics.accuracy(), null, null, null, null, null, null, metrics.confusionMatrix()));
    }

    /** Writes the manifest as {@code <models>/<name>/1/model.json}, through JSON as a real bundle is. */
    public static Path writeBundle(Path models, ModelManifest manifest) throws IOException {
        Path bundle = Files.createDirectories(models.resolve(manifest.name()).resolve("1"));
        JsonMapper.builder()
                .build()
                .writeValue(bundle.resolve(ModelBundles.MANIFEST).toFile(), manifest);
        return bundle;
    }

    private static TrainingSection.Epoch epoch(EpochStats e) {
        return new TrainingSection.Epoch(
                e.epoch(),
                e.trainLoss(),
                e.trainAccuracy(),
                e.validationLoss(),
                e.validationAccuracy(),
                e.learningRate(),
                e.samplesPerSecond(),
                e.seconds());
    }

    /** A record as the key/value pairs JSON writes for it, as the pipeline keeps settings. */
    private static Map<String, Object> asMap(Object value) {
        return JsonMapper.builder().build().convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private static ModelManifest manifest(
            String name, TrainingSection training, DatasetSection dataset, EvaluationSection metrics) {
        Architecture architecture = new Architecture(
                InputKind.IMAGE_ROWS, CellType.GRU, 1, 8, false, 0f, 0f, 0f, Summary.LAST, 28, 0, LABELS.size());
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                name,
                "1",
                "2026-01-01T00:00:00Z",
                ModelManifest.FORMAT_NPZ,
                new ModelManifest.EngineInfo("PyTorch", "2.7.1", "0.36.0"),
                new ImageRowsInputSpec(28, 28),
                architecture,
                LABELS,
                new ModelManifest.WeightsFile(ModelBundles.WEIGHTS, "0".repeat(64), 0),
                training,
                dataset,
                metrics);
    }
}
