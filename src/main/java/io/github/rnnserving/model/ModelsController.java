package io.github.rnnserving.model;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.web.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "models", description = "The model registry")
class ModelsController {

    private final ModelRegistry registry;
    private final ModelImporter importer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RnnProperties.Limits limits;

    ModelsController(ModelRegistry registry, ModelImporter importer, RnnProperties properties) {
        this.registry = registry;
        this.importer = importer;
        this.limits = properties.limits();
    }

    record ModelSummary(String name, String servingVersion, List<Integer> versions, InputKind inputKind, int labels) {}

    @Operation(summary = "Every model with its serving version and all its versions")
    @GetMapping("/models")
    List<ModelSummary> list() {
        List<ModelSummary> models = new ArrayList<>();
        for (String name : registry.names()) {
            ModelManifest manifest = registry.servingManifest(name);
            models.add(new ModelSummary(name, manifest.version(), registry.versions(name),
                    manifest.input().kind(), manifest.labels().size()));
        }
        return models;
    }

    @Operation(summary = "One model: labels, input and limits, architecture, metrics, data, training, an example request")
    @GetMapping("/models/{name}")
    Map<String, Object> describe(@PathVariable String name) {
        ModelManifest manifest = registry.servingManifest(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("servingVersion", manifest.version());
        body.put("versions", registry.versions(name));
        body.put("labels", manifest.labels());
        body.put("input", inputDescription(manifest.input()));
        body.put("architecture", manifest.architecture());
        body.put("metrics", manifest.metrics());
        body.put("dataset", manifest.dataset());
        body.put("training", manifest.training());
        body.put("engine", manifest.engine());
        body.put("createdAt", manifest.createdAt());
        body.put("exampleRequest", example(name, manifest.input()));
        return body;
    }

    @Operation(summary = "Import a model trained elsewhere (admin token)",
            description = "multipart/form-data with a `manifest` part (model.json: name, input, architecture, labels)"
                    + " and a `weights` part (.npz under PyTorch's state_dict names, as np.savez(path,"
                    + " **model.state_dict()) writes). A new model serves at once; a new version of an existing"
                    + " model waits for promotion.")
    @PostMapping(path = "/models", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, String>> importModel(
            @RequestPart("manifest") MultipartFile manifest, @RequestPart("weights") MultipartFile weights)
            throws IOException {
        ImportManifest parsed;
        try {
            parsed = json.readValue(manifest.getBytes(), ImportManifest.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidInputException("manifest", "manifest is not a valid model.json: " + e.getMessage());
        }
        ModelManifest imported;
        try (InputStream in = weights.getInputStream()) {
            imported = importer.importNpz(parsed, in);
        }
        return ResponseEntity.created(URI.create("/models/" + imported.name()))
                .body(Map.of("name", imported.name(), "version", imported.version()));
    }

    @Operation(summary = "Serve this version from now on (admin token)")
    @PostMapping("/models/{name}/versions/{version}/promote")
    Map<String, String> promote(@PathVariable String name, @PathVariable String version) {
        ModelManifest manifest = registry.promote(name, version);
        return Map.of("name", name, "servingVersion", manifest.version());
    }

    @Operation(summary = "Delete a version that is not serving (admin token)")
    @DeleteMapping("/models/{name}/versions/{version}")
    ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String version) {
        registry.delete(name, version);
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> inputDescription(InputSpec input) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", input.kind());
        if (input.kind() == InputKind.TEXT) {
            description.put("tokens", input.tokens());
            description.put("normalization", input.normalization());
            description.put("lowerCase", input.lowerCase());
            description.put("maxTokens", input.maxLength());
            description.put("vocabularySize", input.vocabulary().size());
            description.put("maxTextLength", limits.maxTextLength());
        } else {
            description.put("rows", input.rows());
            description.put("columns", input.columns());
            description.put("pixels", "0-255, white on black");
            description.put("maxImagePixels", limits.maxImagePixels());
        }
        description.put("maxBatchSize", limits.maxBatchSize());
        description.put("maxExplainSteps", limits.maxExplainSteps());
        return description;
    }

    private static Map<String, Object> example(String name, InputSpec input) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("model", name);
        if (input.kind() == InputKind.TEXT) {
            example.put("text", "Nakamura");
        } else {
            example.put("image", new int[input.rows()][input.columns()]);
        }
        example.put("topK", 3);
        return example;
    }
}
