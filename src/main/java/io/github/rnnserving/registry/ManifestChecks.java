package io.github.rnnserving.registry;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.InvalidInputSpecException;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.TorchScriptContract;
import io.github.rnnserving.web.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an import's {@code model.json} against itself, the architecture and sane bounds, by
 * arithmetic only: a manifest that could not serve, or whose parameters would not fit in memory,
 * is a 400 naming its field before any weights are read or any array allocated.
 *
 * @param maxParameters the most parameters an imported architecture may have
 */
record ManifestChecks(long maxParameters) {

    /** Where a manifest holds its input spec, which checks itself ({@link InputSpec#checkServable}). */
    private static final String INPUT = "manifest.input";
    /** Features per step, as for {@code hiddenSize} in {@link Architecture}. */
    static final int MAX_INPUT_SIZE = 4096;

    /**
     * @param architectureRequired true for {@code .npz} weights, whose network the architecture is;
     *     a TorchScript module brings its own, so there it is only shown, though still checked
     */
    void check(ImportManifest manifest, boolean architectureRequired) {
        if (manifest == null) {
            throw new InvalidInputException("manifest", "manifest (model.json) is required");
        }
        try {
            ModelBundles.requireValidName(manifest.name());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("manifest.name", e.getMessage());
        }
        InputSpec input = manifest.input();
        require(input != null, "manifest.input", "manifest.input is required");
        checkLabels(manifest.labels());
        try {
            input.checkServable(INPUT);
        } catch (InvalidInputSpecException e) {
            throw new InvalidInputException(e.field(), e.getMessage());
        }
        if (architectureRequired) {
            DeclaredArchitecture declared = manifest.declaredArchitecture();
            require(
                    declared != null && declared.summary() != null,
                    "manifest.architecture.summary",
                    "manifest.architecture.summary is required with .npz weights: how the head reads the"
                            + " outputs cannot be read from the weights. " + ArchitectureInference.SUMMARIES);
        }
        checkOutputs(manifest.outputs(), architectureRequired);
        if (manifest.architecture() != null) {
            checkArchitecture(manifest, manifest.architecture());
        }
    }

    /** Checks the architecture an import has worked out (from the weights, or shown with a module). */
    void checkArchitecture(ImportManifest manifest) {
        if (manifest.architecture() != null) {
            checkArchitecture(manifest, manifest.architecture());
        }
    }

    /** Each {@code parameterNames} prefix must start some array's name: a typo would otherwise map nothing. */
    static void checkParameterNames(Map<String, String> parameterNames, Set<String> arrays) {
        for (String prefix : parameterNames.keySet()) {
            require(
                    arrays.stream().anyMatch(name -> name.startsWith(prefix)),
                    "manifest.parameterNames",
                    "manifest.parameterNames maps '" + prefix + "', which starts no array's name in the weights "
                            + new TreeSet<>(arrays));
        }
    }

    /** What a TorchScript module returns; the service's own networks (.npz) always give logits. */
    private static void checkOutputs(String outputs, boolean npz) {
        require(
                outputs == null || !npz,
                "manifest.outputs",
                "manifest.outputs applies to TorchScript modules only: .npz weights are loaded into the"
                        + " declared architecture, which gives logits; leave it out");
        try {
            TorchScriptContract.Outputs.parse(outputs);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("manifest.outputs", "manifest." + e.getMessage());
        }
    }

    private static void checkLabels(List<String> labels) {
        require(
                labels != null && labels.size() >= 2,
                "manifest.labels",
                "manifest.labels must name at least two classes");
        HashSet<String> seen = new HashSet<>();
        for (String label : labels) {
            require(label != null && !label.isBlank(), "manifest.labels", "manifest.labels must not hold blank labels");
            require(seen.add(label), "manifest.labels", "manifest.labels names '" + label + "' twice");
        }
    }

    private void checkArchitecture(ImportManifest manifest, Architecture architecture) {
        InputSpec input = manifest.input();
        require(
                architecture.inputSize() <= MAX_INPUT_SIZE,
                "manifest.architecture.inputSize",
                "manifest.architecture.inputSize must be 1 to " + MAX_INPUT_SIZE + ", got " + architecture.inputSize());
        require(
                input.kind() == architecture.inputKind(),
                "manifest.input.kind",
                "manifest.input.kind differs from manifest.architecture.inputKind");
        require(
                manifest.labels().size() == architecture.classes(),
                "manifest.labels",
                "manifest.labels must name each of the architecture's " + architecture.classes() + " classes");
        require(
                input.vocabularySize() == architecture.vocabularySize(),
                "manifest.input.vocabulary",
                "the vocabulary has " + input.vocabularySize() + " tokens but the architecture's embedding has "
                        + architecture.vocabularySize());
        try {
            input.checkReadableBy(architecture, INPUT);
        } catch (InvalidInputSpecException e) {
            throw new InvalidInputException(e.field(), e.getMessage());
        }
        checkParameterCount(architecture);
    }

    /** Parameters of the architecture by where they sit, so a refusal names the field that makes them. */
    private void checkParameterCount(Architecture architecture) {
        long embedding = (long) architecture.vocabularySize() * architecture.inputSize();
        long gates = (long) architecture.cell().gates() * architecture.hiddenSize();
        long recurrent = 0;
        for (int layer = 0; layer < architecture.layers(); layer++) {
            long features = layer == 0 ? architecture.inputSize() : architecture.summarySize();
            recurrent += architecture.directions() * gates * (features + architecture.hiddenSize() + 2);
        }
        long head = (long) architecture.classes() * (architecture.summarySize() + 1);
        if (architecture.cell() == CellType.TUTORIAL_RNN) {
            // no embedding: i2h and i2o each read the letter and the state, with one bias
            long combined = (long) architecture.inputSize() + architecture.hiddenSize() + 1;
            embedding = 0;
            recurrent = architecture.hiddenSize() * combined;
            head = architecture.classes() * combined;
        }
        long total = embedding + recurrent + head;
        if (total <= maxParameters) {
            return;
        }
        String field = recurrent >= embedding && recurrent >= head
                ? "manifest.architecture.hiddenSize"
                : embedding >= head ? "manifest.input.vocabulary" : "manifest.labels";
        throw new InvalidInputException(
                field,
                "the architecture has " + total + " parameters (embedding "
                        + embedding + ", recurrent " + recurrent + ", head " + head + "), over the limit of "
                        + maxParameters + " (rnn.limits.max-parameters)");
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidInputException(field, message);
        }
    }
}
