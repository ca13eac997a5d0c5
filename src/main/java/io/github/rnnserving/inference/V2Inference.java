package io.github.rnnserving.inference;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.classify.ClassificationService;
import io.github.rnnserving.classify.ClassifyResponse;
import io.github.rnnserving.model.ImageRowsInputSpec;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.serving.PendingAnswer;
import io.github.rnnserving.web.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The protocol's model endpoints on the registry and {@code /classify}'s service: a request is
 * translated into a {@code ClassifyRequest}, queued and batched as any other, and its answer is
 * reshaped into output tensors, so both endpoints give the same probabilities for the same input.
 */
@Service
class V2Inference {

    static final String PROBABILITIES = "probabilities";
    static final String LABEL = "label";
    static final String TOP_LABELS = "top_labels";
    static final String TOP_PROBABILITIES = "top_probabilities";
    private static final List<String> OUTPUTS = List.of(PROBABILITIES, LABEL, TOP_LABELS, TOP_PROBABILITIES);

    private final ModelRegistry registry;
    private final ClassificationService classification;
    private final V2Inputs inputs;

    V2Inference(ModelRegistry registry, ClassificationService classification, RnnProperties properties) {
        this.registry = registry;
        this.classification = classification;
        this.inputs = new V2Inputs(properties.limits());
    }

    /** A queued inference and how its {@code /classify} answer becomes the protocol's. */
    record Pending(
            PendingAnswer<ClassifyResponse> answer, Function<ClassifyResponse, V2Json.InferenceResponse> shape) {}

    Pending infer(String name, String version, V2Json.InferenceRequest request) {
        if (request.inputs() == null) {
            throw new InvalidInputException("inputs", "the request needs inputs: one tensor");
        }
        ModelManifest manifest = manifest(name, version);
        int labels = manifest.labels().size();
        Integer topK = topK(request.parameters(), labels);
        List<String> outputs = outputs(request.outputs(), topK != null);
        // all labels from /classify (top_k slices them), on the version whose labels shape the answer:
        // a promotion in between is refused rather than answered with another version's columns
        PendingAnswer<ClassifyResponse> answer =
                classification.classify(inputs.toClassify(name, manifest.input(), request), manifest.version());
        return new Pending(
                answer, response -> response(name, request.id(), manifest.labels(), outputs, topK, response));
    }

    V2Json.ModelMetadata metadata(String name, String version) {
        ModelManifest manifest = manifest(name, version);
        V2Json.MetadataTensor input = manifest.input() instanceof ImageRowsInputSpec image
                ? new V2Json.MetadataTensor(V2Inputs.IMAGE, "UINT8", List.of(-1, image.rows(), image.columns()))
                : new V2Json.MetadataTensor(V2Inputs.TEXT, "BYTES", List.of(-1));
        int labels = manifest.labels().size();
        List<V2Json.MetadataTensor> outputs = List.of(
                new V2Json.MetadataTensor(PROBABILITIES, "FP32", List.of(-1, labels)),
                new V2Json.MetadataTensor(LABEL, "BYTES", List.of(-1)),
                new V2Json.MetadataTensor(TOP_LABELS, "BYTES", List.of(-1, -1)),
                new V2Json.MetadataTensor(TOP_PROBABILITIES, "FP32", List.of(-1, -1)));
        List<String> versions =
                registry.versions(name).stream().map(String::valueOf).toList();
        // TorchScript runs as Triton's "pytorch_libtorch" does; a weights file runs on this service's own network
        String platform = manifest.isTorchScript() ? "pytorch_libtorch" : "rnnserving_npz";
        return new V2Json.ModelMetadata(
                name, versions, platform, List.of(input), outputs, Map.of("labels", manifest.labels()));
    }

    /** The serving version's manifest, which must be {@code version} when one is named. */
    ModelManifest manifest(String name, String version) {
        ServedModel model = registry.acquire(name, version);
        try {
            return model.manifest();
        } finally {
            model.release();
        }
    }

    private static Integer topK(Map<String, JsonNode> parameters, int labels) {
        JsonNode value = parameters == null ? null : parameters.get("top_k");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > labels) {
            throw new InvalidInputException(
                    "parameters.top_k",
                    "parameters.top_k must be a whole number from 1 to " + labels + " for this model");
        }
        return value.asInt();
    }

    private static List<String> outputs(List<V2Json.RequestOutput> requested, boolean topK) {
        if (requested == null) {
            return topK ? OUTPUTS : List.of(PROBABILITIES, LABEL);
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i) == null ? null : requested.get(i).name();
            if (!OUTPUTS.contains(name)) {
                throw new InvalidInputException(
                        "outputs[" + i + "].name",
                        "outputs[" + i + "] names '" + name + "'; this model's outputs are "
                                + String.join(", ", OUTPUTS));
            }
            if (!topK && (TOP_LABELS.equals(name) || TOP_PROBABILITIES.equals(name))) {
                throw new InvalidInputException(
                        "outputs[" + i + "].name", "output '" + name + "' needs parameters.top_k in the request");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new InvalidInputException("outputs", "outputs is empty: name at least one output, or leave it out");
        }
        return List.copyOf(names);
    }

    private static V2Json.InferenceResponse response(
            String name, String id, List<String> labels, List<String> outputs, Integer topK, ClassifyResponse answer) {
        // /classify answers one input alone and a batch as results; every V2 request is a batch
        List<List<ClassifyResponse.Prediction>> rows = answer.results() != null
                ? answer.results().stream()
                        .map(ClassifyResponse.Result::predictions)
                        .toList()
                : List.of(answer.predictions());
        int n = rows.size();
        List<V2Json.ResponseOutput> tensors = new ArrayList<>();
        for (String output : outputs) {
            tensors.add(
                    switch (output) {
                        case PROBABILITIES ->
                            new V2Json.ResponseOutput(
                                    output, List.of(n, labels.size()), "FP32", inLabelOrder(rows, labels));
                        case LABEL ->
                            new V2Json.ResponseOutput(
                                    output,
                                    List.of(n),
                                    "BYTES",
                                    rows.stream().map(row -> row.get(0).label()).toList());
                        case TOP_LABELS ->
                            new V2Json.ResponseOutput(
                                    output,
                                    List.of(n, topK),
                                    "BYTES",
                                    rows.stream()
                                            .flatMap(row -> row.subList(0, topK).stream())
                                            .map(ClassifyResponse.Prediction::label)
                                            .toList());
                        default ->
                            new V2Json.ResponseOutput(
                                    output,
                                    List.of(n, topK),
                                    "FP32",
                                    rows.stream()
                                            .flatMap(row -> row.subList(0, topK).stream())
                                            .map(p -> (float) p.probability())
                                            .toList());
                    });
        }
        return new V2Json.InferenceResponse(name, answer.version(), id, tensors);
    }

    /** /classify sorts by probability; the tensor's columns follow the model's labels (unique, checked at import). */
    private static List<Float> inLabelOrder(List<List<ClassifyResponse.Prediction>> rows, List<String> labels) {
        List<Float> data = new ArrayList<>(rows.size() * labels.size());
        for (List<ClassifyResponse.Prediction> row : rows) {
            float[] ordered = new float[labels.size()];
            for (ClassifyResponse.Prediction prediction : row) {
                ordered[labels.indexOf(prediction.label())] = (float) prediction.probability();
            }
            for (float p : ordered) {
                data.add(p);
            }
        }
        return data;
    }
}
