package io.github.rnnserving.model;

import java.util.List;
import java.util.Map;

/**
 * {@code model.json}: what a bundle holds and how it was made. {@code training}, {@code dataset}
 * and {@code metrics} are open maps written by whoever trained or imported the model (settings,
 * history, split, fingerprint, test metrics) and shown to users as they are.
 */
public record ModelManifest(
        int formatVersion,
        String name,
        String version,
        String createdAt,
        EngineInfo engine,
        InputSpec input,
        Architecture architecture,
        List<String> labels,
        WeightsFile weights,
        Map<String, Object> training,
        Map<String, Object> dataset,
        Map<String, Object> metrics) {

    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        labels = List.copyOf(labels);
        training = training == null ? Map.of() : training;
        dataset = dataset == null ? Map.of() : dataset;
        metrics = metrics == null ? Map.of() : metrics;
    }

    public record EngineInfo(String engine, String engineVersion, String djlVersion) {}

    public record WeightsFile(String file, String sha256, long bytes) {}

    ModelManifest withVersionAndWeights(String newVersion, WeightsFile newWeights) {
        return new ModelManifest(
                formatVersion, name, newVersion, createdAt, engine, input, architecture, labels,
                newWeights, training, dataset, metrics);
    }
}
