package io.github.rnnserving.model;

import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.web.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Imports models trained elsewhere with their {@code model.json}: weights under PyTorch's
 * parameter names ({@code .npz}), loaded into the declared architecture first so a bundle is only
 * written when every parameter is present and of the right shape; or a TorchScript module, which
 * must load in this libtorch and answer a probe batch with one logit per label before it is kept.
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
        validateCommon(manifest);
        require(manifest.architecture() != null, "manifest.architecture", "manifest.architecture is required");
        validateArchitecture(manifest);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(manifest.architecture());
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            try {
                PyTorchWeights.load(classifier, npz, manager);
            } catch (InvalidWeightsException e) {
                throw new InvalidInputException("weights", e.getMessage());
            }
            Path bundle = bundles.write(registry.modelsDir(), fullManifest(manifest, ModelManifest.FORMAT_NPZ), classifier);
            registry.registerNew(bundle);
            return bundles.readManifest(bundle);
        }
    }

    /**
     * Writes a new version holding a TorchScript module and returns its manifest. The module must
     * follow the contract of {@link TorchScriptLoader}; {@code manifest.architecture} is optional
     * and only shown to users.
     */
    public ModelManifest importTorchScript(ImportManifest manifest, InputStream module) throws IOException {
        validateCommon(manifest);
        if (manifest.architecture() != null) {
            validateArchitecture(manifest);
        }
        Files.createDirectories(registry.modelsDir());
        // hidden and in the models folder, so the copy into the bundle stays on one file system
        Path upload = Files.createTempFile(registry.modelsDir(), ".import-", ".pt");
        try {
            try (OutputStream out = Files.newOutputStream(upload)) {
                module.transferTo(out);
            }
            probe(upload, manifest);
            Path bundle = bundles.writeTorchScript(
                    registry.modelsDir(), fullManifest(manifest, ModelManifest.FORMAT_TORCHSCRIPT), upload);
            registry.registerNew(bundle);
            return bundles.readManifest(bundle);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Runs the module once on two inputs of different lengths, as /classify will. */
    private static void probe(Path module, ImportManifest manifest) {
        InputSpec input = manifest.input();
        List<EncodedInput> batch = input.kind() == InputKind.TEXT
                ? List.of(new EncodedInput.TokenIds(probeIds(3, input.vocabularySize())),
                        new EncodedInput.TokenIds(probeIds(1, input.vocabularySize())))
                : List.of(new EncodedInput.PixelRows(new byte[input.rows() * input.columns()], input.rows(), input.columns()),
                        new EncodedInput.PixelRows(new byte[input.columns()], 1, input.columns()));
        ZooModel<NDList, NDList> model;
        try {
            model = TorchScriptLoader.load(module);
        } catch (InvalidBundleException e) {
            throw new InvalidInputException("torchscript", e.getMessage().replace(module.getFileName().toString(), "the file"));
        }
        try (model;
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            NDList output = predictor.predict(Batches.of(manager, batch));
            Shape shape = output.isEmpty() ? new Shape() : output.head().getShape();
            Shape expected = new Shape(batch.size(), manifest.labels().size());
            if (!shape.equals(expected)) {
                throw new InvalidInputException("torchscript", "the module answered a probe batch of "
                        + batch.size() + " with shape " + shape + "; one logit per label needs " + expected);
            }
        } catch (TranslateException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("torchscript", "the module fails on a probe batch (forward(x, lengths)"
                    + " with " + (input.kind() == InputKind.TEXT ? "int64 token ids" : "float32 image rows")
                    + "): " + TorchScriptLoader.firstLine(e.getMessage()));
        }
    }

    private static long[] probeIds(int length, int vocabularySize) {
        long[] ids = new long[length];
        for (int i = 0; i < length; i++) {
            ids[i] = Math.min(vocabularySize - 1, 2 + i);
        }
        return ids;
    }

    private static void validateCommon(ImportManifest manifest) {
        if (manifest == null) {
            throw new InvalidInputException("manifest", "manifest (model.json) is required");
        }
        try {
            ModelBundles.requireValidName(manifest.name());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("manifest.name", e.getMessage());
        }
        require(manifest.input() != null, "manifest.input", "manifest.input is required");
        require(manifest.labels() != null && manifest.labels().size() >= 2, "manifest.labels",
                "manifest.labels must name at least two classes");
        if (manifest.input().kind() == InputKind.TEXT) {
            try {
                manifest.input().textEncoder();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("manifest.input.vocabulary", e.getMessage());
            }
        }
    }

    private static void validateArchitecture(ImportManifest manifest) {
        require(manifest.labels().size() == manifest.architecture().classes(),
                "manifest.labels", "manifest.labels must name each of the architecture's "
                        + manifest.architecture().classes() + " classes");
        require(manifest.input().kind() == manifest.architecture().inputKind(),
                "manifest.input.kind", "manifest.input.kind differs from manifest.architecture.inputKind");
        require(manifest.input().vocabularySize() == manifest.architecture().vocabularySize(),
                "manifest.input.vocabulary", "the vocabulary has " + manifest.input().vocabularySize()
                        + " tokens but the architecture's embedding has " + manifest.architecture().vocabularySize());
    }

    private static ModelManifest fullManifest(ImportManifest manifest, String format) {
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION, manifest.name(), null, Instant.now().toString(), format,
                new ModelManifest.EngineInfo(Engine.getInstance().getEngineName(),
                        Engine.getInstance().getVersion(), Engine.getDjlVersion()),
                manifest.input(), manifest.architecture(), manifest.labels(), null,
                orEmpty(manifest.training()), orEmpty(manifest.dataset()), orEmpty(manifest.metrics()));
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
