package io.github.rnnserving.registry;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.StreamingState;
import io.github.rnnserving.web.InvalidInputException;
import io.github.rnnserving.web.ProblemExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "models", description = "The model registry")
class ModelsController {

    private final ModelRegistry registry;
    private final ModelImporter importer;
    private final RnnProperties.Limits limits;
    /** The limits on one input of a request, by name, as {@link InputSpec.RequestForm#limit()} names them. */
    private final Map<String, Object> requestLimits;

    ModelsController(ModelRegistry registry, ModelImporter importer, RnnProperties properties) {
        this.registry = registry;
        this.importer = importer;
        this.limits = properties.limits();
        this.requestLimits = Map.of(
                "maxTextLength", limits.maxTextLength(),
                "maxImagePixels", limits.maxImagePixels());
    }

    record ModelSummary(String name, String servingVersion, List<Integer> versions, InputKind inputKind, int labels) {}

    @Operation(summary = "Every model with its serving version and all its versions")
    @GetMapping("/models")
    List<ModelSummary> list() {
        List<ModelSummary> models = new ArrayList<>();
        for (String name : registry.names()) {
            ModelManifest manifest = registry.servingManifest(name);
            models.add(new ModelSummary(
                    name,
                    manifest.version(),
                    registry.versions(name),
                    manifest.input().kind(),
                    manifest.labels().size()));
        }
        return models;
    }

    @Operation(
            summary = "One model: labels, input and limits, architecture, metrics, data, training, an example request")
    @ApiResponse(
            responseCode = "200",
            description = "The serving version's model card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE))
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.MODEL_NOT_FOUND)))
    @GetMapping("/models/{name}")
    Map<String, Object> describe(@PathVariable String name) {
        ModelManifest manifest = registry.servingManifest(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("servingVersion", manifest.version());
        body.put("versions", registry.versions(name));
        // which endpoint takes it: a client (the playground) tells classifiers from generators by this
        body.put("task", manifest.isGenerator() ? ModelManifest.TASK_GENERATE : ModelManifest.TASK_CLASSIFY);
        // a generator's labels are its conditions (none: unconditioned)
        body.put("labels", manifest.labels());
        body.put("input", inputDescription(manifest.input()));
        body.put("format", manifest.format());
        body.put("architecture", manifest.architecture());
        body.put("metrics", manifest.metrics());
        body.put("dataset", manifest.dataset());
        body.put("training", manifest.training());
        body.put("engine", manifest.engine());
        body.put("createdAt", manifest.createdAt());
        body.put("exampleRequest", example(name, manifest.input()));
        // whether POST /sessions can open on it, and if not why, before a client tries
        Map<String, Object> streaming = new LinkedHashMap<>();
        java.util.Optional<String> refusal = StreamingState.refusal(manifest);
        streaming.put("supported", refusal.isEmpty());
        refusal.ifPresent(reason -> streaming.put("reason", reason));
        body.put("streaming", streaming);
        return body;
    }

    @Operation(
            summary = "Import a model trained elsewhere (admin token)",
            description = "multipart/form-data with a `manifest` part (model.json: name, input, labels and, for"
                    + " .npz weights, architecture.summary: last for a head on h_n, last-output for out[:, -1], mean"
                    + " or max; the other architecture fields are read from the weights' shapes and, if given, must"
                    + " agree; optional parameterNames, prefix rewrites such as {\"lstm.\": \"rnn.\"}, settle"
                    + " names that are ambiguous; for TorchScript, optional outputs: logits, log-probabilities or"
                    + " probabilities) and exactly one of: a `weights` part (.npz of a state_dict under any module"
                    + " names, as np.savez(path, **model.state_dict()) writes; a model of PyTorch's character-RNN"
                    + " tutorial needs only \"architecture\": {\"cell\": \"tutorial-rnn\"} and \"input\": {\"kind\":"
                    + " \"text\", \"tokens\": \"TUTORIAL_LETTERS\", \"maxLength\": …}) or a `torchscript` part"
                    + " (a .pt file from torch.jit.trace or torch.jit.script whose forward(x) or forward(x, lengths)"
                    + " returns one value per label (batch, labels): x is int64 token ids padded with 0, or float32"
                    + " image rows in [0, 1]; the probe finds which and whether it batches, and model.json records"
                    + " it as moduleContract). The"
                    + " manifest is checked against its architecture and rnn.limits.max-parameters; an .npz's sizes and"
                    + " array headers are checked before anything is inflated; either kind of model is run once on a"
                    + " probe batch before it is kept. A new model serves at"
                    + " once; a new version of an existing model waits for promotion.")
    @SecurityRequirement(name = "admin-token")
    @ApiResponse(
            responseCode = "201",
            description = "Imported; Location names the model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"name\": \"names-gru\", \"version\": \"1\", \"format\": \"torchscript\"}")))
    @ApiResponse(
            responseCode = "400",
            description =
                    "A bad manifest, missing or mismatched weights, a module that does not load or answer; `field` names the part",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.BAD_IMPORT)))
    @ApiResponse(
            responseCode = "401",
            description = "No or wrong admin token",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.UNAUTHORIZED)))
    @ApiResponse(
            responseCode = "413",
            description = "Body over rnn.limits.max-model-bytes",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.TOO_LARGE)))
    @PostMapping(path = "/models", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, String>> importModel(
            @RequestPart("manifest") MultipartFile manifest,
            @RequestPart(name = "weights", required = false) MultipartFile weights,
            @RequestPart(name = "torchscript", required = false) MultipartFile torchscript)
            throws IOException {
        if ((weights == null) == (torchscript == null)) {
            throw new InvalidInputException(
                    weights == null ? "weights" : "torchscript",
                    "send exactly one of the parts 'weights' (.npz) and 'torchscript' (.pt)");
        }
        ModelManifest imported;
        if (weights != null) {
            try (InputStream in = weights.getInputStream()) {
                imported = importer.importNpz(manifest.getBytes(), in);
            }
        } else {
            ImportManifest parsed = ManifestJson.parse(manifest.getBytes());
            try (InputStream in = torchscript.getInputStream()) {
                imported = importer.importTorchScript(parsed, in);
            }
        }
        return ResponseEntity.created(URI.create("/models/" + imported.name()))
                .body(Map.of("name", imported.name(), "version", imported.version(), "format", imported.format()));
    }

    @Operation(summary = "Serve this version from now on (admin token)")
    @SecurityRequirement(name = "admin-token")
    @ApiResponse(
            responseCode = "200",
            description = "Now serving",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(value = "{\"name\": \"names\", \"servingVersion\": \"2\"}")))
    @ApiResponse(
            responseCode = "401",
            description = "No or wrong admin token",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.UNAUTHORIZED)))
    @ApiResponse(
            responseCode = "404",
            description = "No such model or version",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.VERSION_NOT_FOUND)))
    @PostMapping("/models/{name}/versions/{version}/promote")
    Map<String, String> promote(@PathVariable String name, @PathVariable String version) {
        ModelManifest manifest = registry.promote(name, version);
        return Map.of("name", name, "servingVersion", manifest.version());
    }

    @Operation(summary = "Delete a version that is not serving (admin token)")
    @SecurityRequirement(name = "admin-token")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(
            responseCode = "401",
            description = "No or wrong admin token",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.UNAUTHORIZED)))
    @ApiResponse(
            responseCode = "404",
            description = "No such model or version",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.VERSION_NOT_FOUND)))
    @ApiResponse(
            responseCode = "409",
            description = "The version serves",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.SERVING_VERSION_CONFLICT)))
    @DeleteMapping("/models/{name}/versions/{version}")
    ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String version) {
        registry.delete(name, version);
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> inputDescription(InputSpec input) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", input.kind());
        description.putAll(input.card());
        String limit = input.requestForm().limit();
        description.put(limit, requestLimits.get(limit));
        description.put("maxBatchSize", limits.maxBatchSize());
        description.put("maxExplainSteps", limits.maxExplainSteps());
        return description;
    }

    private static Map<String, Object> example(String name, InputSpec input) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("model", name);
        example.putAll(input.requestForm().example());
        example.put("topK", 3);
        return example;
    }
}
