package io.github.rnnserving.model;

import java.util.List;
import java.util.Map;

/**
 * {@code model.json}: what a bundle holds and how it was made. {@code format} says what the
 * weights file is: {@value #FORMAT_NPZ} (PyTorch parameter names, loaded into {@code architecture})
 * or {@value #FORMAT_TORCHSCRIPT} (a scripted module with its own code; {@code architecture} is
 * then only what the importer said about it, and may be absent). {@code training}, {@code dataset}
 * and {@code metrics} are open maps written by whoever trained or imported the model (settings,
 * history, split, fingerprint, test metrics) and shown to users as they are.
 */
public record ModelManifest(
        int formatVersion,
        String name,
        String version,
        String createdAt,
        String format,
        EngineInfo engine,
        InputSpec input,
        Architecture architecture,
        List<String> labels,
        WeightsFile weights,
        Map<String, Object> training,
        Map<String, Object> dataset,
        Map<String, Object> metrics) {

    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT_NPZ = "npz";
    public static final String FORMAT_TORCHSCRIPT = "torchscript";

    public ModelManifest {
        // bundles written before TorchScript import existed carry no format: they are .npz
        format = format == null ? FORMAT_NPZ : format;
        labels = List.copyOf(labels);
        training = training == null ? Map.of() : training;
        dataset = dataset == null ? Map.of() : dataset;
        metrics = metrics == null ? Map.of() : metrics;
    }

    public boolean isTorchScript() {
        return FORMAT_TORCHSCRIPT.equals(format);
    }

    public record EngineInfo(String engine, String engineVersion, String djlVersion) {}

    public record WeightsFile(String file, String sha256, long bytes) {}

    ModelManifest withVersionAndWeights(String newVersion, WeightsFile newWeights) {
        return new ModelManifest(
                formatVersion,
                name,
                newVersion,
                createdAt,
                format,
                engine,
                input,
                architecture,
                labels,
                newWeights,
                training,
                dataset,
                metrics);
    }
}
