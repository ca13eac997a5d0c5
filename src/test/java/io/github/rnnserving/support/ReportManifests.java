package io.github.rnnserving.support;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.Summary;
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

    /** A trained model, its sections holding records as in memory right after training. */
    public static ModelManifest trained() {
        ClassificationMetrics metrics = metrics();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("settings", TrainingSettings.defaults());
        training.put("options", ModelOptions.defaults());
        training.put("bestEpoch", BEST_EPOCH);
        training.put("bestValidationAccuracy", 0.75);
        training.put("stoppedEarly", false);
        training.put("seconds", 5.5);
        training.put("samplesPerSecond", 965.0);
        training.put("history", HISTORY);
        Map<String, Object> dataset = Map.of("sizes", Map.of("train", 800, "validation", 100, "test", 116));
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("testAccuracy", metrics.accuracy());
        scores.put("macroF1", metrics.macroF1());
        scores.put("testSize", metrics.total());
        scores.put("perClass", metrics.perClass());
        scores.put("confusionMatrix", metrics.confusionMatrix());
        return manifest("tiny", training, dataset, scores);
    }

    /** An imported model: labels, test metrics and confusion matrix, no history, no split. */
    public static ModelManifest imported() {
        ClassificationMetrics metrics = metrics();
        return manifest(
                "imported",
                Map.of(),
                Map.of(),
                Map.of("testAccuracy", metrics.accuracy(), "confusionMatrix", metrics.confusionMatrix()));
    }

    /** Writes the manifest as {@code <models>/<name>/1/model.json}, through JSON as a real bundle is. */
    public static Path writeBundle(Path models, ModelManifest manifest) throws IOException {
        Path bundle = Files.createDirectories(models.resolve(manifest.name()).resolve("1"));
        JsonMapper.builder()
                .build()
                .writeValue(bundle.resolve(ModelBundles.MANIFEST).toFile(), manifest);
        return bundle;
    }

    private static ModelManifest manifest(
            String name, Map<String, Object> training, Map<String, Object> dataset, Map<String, Object> metrics) {
        Architecture architecture = new Architecture(
                InputKind.IMAGE_ROWS, CellType.GRU, 1, 8, false, 0f, 0f, 0f, Summary.LAST, 28, 0, LABELS.size());
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                name,
                "1",
                "2026-01-01T00:00:00Z",
                ModelManifest.FORMAT_NPZ,
                new ModelManifest.EngineInfo("PyTorch", "2.7.1", "0.36.0"),
                InputSpec.imageRows(28, 28),
                architecture,
                LABELS,
                new ModelManifest.WeightsFile(ModelBundles.WEIGHTS, "0".repeat(64), 0),
                training,
                dataset,
                metrics);
    }
}
