package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code model.json}: what a bundle holds and how it was made. {@code format} says what the
 * weights file is: {@value #FORMAT_NPZ} (PyTorch parameter names, loaded into {@code architecture})
 * or {@value #FORMAT_TORCHSCRIPT} (a scripted module with its own code; {@code architecture} is
 * then only what the importer said about it, and may be absent). {@code training}, {@code dataset}
 * and {@code metrics} are typed sections written by whoever trained or imported the model (settings,
 * history, split, fingerprint, test metrics), each field optional; a missing section reads as an
 * empty one. {@code moduleContract} is how an imported TorchScript module is called ({@link TorchScriptContract});
 * absent for {@code .npz} weights and for modules imported before the import probe recorded it.
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
        TrainingSection training,
        DatasetSection dataset,
        EvaluationSection metrics,
        @JsonInclude(JsonInclude.Include.NON_NULL) TorchScriptContract moduleContract,
        @JsonInclude(JsonInclude.Include.NON_NULL) String task) {

    public static final int FORMAT_VERSION = 1;
    /** What most bundles do: answer labels for a sequence. Bundles without a {@code task} are classifiers. */
    public static final String TASK_CLASSIFY = "classify";
    /** A language model: the next token's distribution at every step, sampled by {@code /generate}. */
    public static final String TASK_GENERATE = "generate";

    public static final String FORMAT_NPZ = "npz";
    public static final String FORMAT_TORCHSCRIPT = "torchscript";

    public ModelManifest {
        // bundles written before TorchScript import existed carry no format: they are .npz
        format = format == null ? FORMAT_NPZ : format;
        labels = List.copyOf(labels);
        training = training == null ? TrainingSection.EMPTY : training;
        dataset = dataset == null ? DatasetSection.EMPTY : dataset;
        metrics = metrics == null ? EvaluationSection.EMPTY : metrics;
        if (task != null && !task.equals(TASK_CLASSIFY) && !task.equals(TASK_GENERATE)) {
            throw new IllegalArgumentException("unknown task '" + task + "': expected classify or generate");
        }
    }

    /** A classifier's manifest, with the TorchScript section when it has one. */
    public ModelManifest(
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
            TrainingSection training,
            DatasetSection dataset,
            EvaluationSection metrics,
            TorchScriptContract moduleContract) {
        this(
                formatVersion,
                name,
                version,
                createdAt,
                format,
                engine,
                input,
                architecture,
                labels,
                weights,
                training,
                dataset,
                metrics,
                moduleContract,
                null);
    }

    /** Whether this is a language model ({@link #TASK_GENERATE}); its labels are then its conditions. */
    @JsonIgnore // derived from task, which model.json already holds
    public boolean isGenerator() {
        return TASK_GENERATE.equals(task);
    }

    /** A manifest without a TorchScript section: {@code .npz} weights, or a module imported before one was recorded. */
    public ModelManifest(
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
            TrainingSection training,
            DatasetSection dataset,
            EvaluationSection metrics) {
        this(
                formatVersion,
                name,
                version,
                createdAt,
                format,
                engine,
                input,
                architecture,
                labels,
                weights,
                training,
                dataset,
                metrics,
                null);
    }

    /**
     * How the network is called: the module's recorded contract, else {@code forward(x, lengths)}
     * answering logits at any batch size, as the service's own networks and older imports are.
     */
    public TorchScriptContract contract() {
        return moduleContract == null ? TorchScriptContract.LEGACY : moduleContract;
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
                metrics,
                moduleContract,
                task);
    }
}
