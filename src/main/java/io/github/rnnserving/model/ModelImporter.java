package io.github.rnnserving.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.web.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Imports weights trained elsewhere ({@code .npz} under PyTorch's parameter names) with their
 * {@code model.json}: the weights are loaded into the declared architecture first, so a bundle is
 * only written when every parameter is present and of the right shape.
 */
@Component
public class ModelImporter {

    private final ModelRegistry registry;
    private final ModelBundles bundles = new ModelBundles();

    public ModelImporter(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Writes a new version and returns its manifest; the model serves at once if it is new. */
    public ModelManifest importNpz(ImportManifest manifest, InputStream npz) throws IOException {
        if (manifest == null) {
            throw new InvalidInputException("manifest", "manifest (model.json) is required");
        }
        try {
            ModelBundles.requireValidName(manifest.name());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("manifest.name", e.getMessage());
        }
        require(manifest.input() != null, "manifest.input", "manifest.input is required");
        require(manifest.architecture() != null, "manifest.architecture", "manifest.architecture is required");
        require(manifest.labels() != null && manifest.labels().size() == manifest.architecture().classes(),
                "manifest.labels", "manifest.labels must name each of the architecture's "
                        + manifest.architecture().classes() + " classes");
        require(manifest.input().kind() == manifest.architecture().inputKind(),
                "manifest.input.kind", "manifest.input.kind differs from manifest.architecture.inputKind");
        require(manifest.input().vocabularySize() == manifest.architecture().vocabularySize(),
                "manifest.input.vocabulary", "the vocabulary has " + manifest.input().vocabularySize()
                        + " tokens but the architecture's embedding has " + manifest.architecture().vocabularySize());
        if (manifest.input().kind() == InputKind.TEXT) {
            try {
                manifest.input().textEncoder();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("manifest.input.vocabulary", e.getMessage());
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(manifest.architecture());
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            try {
                PyTorchWeights.load(classifier, npz, manager);
            } catch (InvalidWeightsException e) {
                throw new InvalidInputException("weights", e.getMessage());
            }
            ModelManifest full = new ModelManifest(
                    ModelManifest.FORMAT_VERSION, manifest.name(), null, Instant.now().toString(),
                    new ModelManifest.EngineInfo(Engine.getInstance().getEngineName(),
                            Engine.getInstance().getVersion(), Engine.getDjlVersion()),
                    manifest.input(), manifest.architecture(), manifest.labels(), null,
                    orEmpty(manifest.training()), orEmpty(manifest.dataset()), orEmpty(manifest.metrics()));
            Path bundle = bundles.write(registry.modelsDir(), full, classifier);
            registry.registerNew(bundle);
            return bundles.readManifest(bundle);
        }
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidInputException(field, message);
        }
    }
}
