package io.github.rnnserving.registry;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.Batches;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InvalidBundleException;
import io.github.rnnserving.model.InvalidModuleException;
import io.github.rnnserving.model.InvalidWeightsException;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.NpzHeaders;
import io.github.rnnserving.model.PyTorchWeights;
import io.github.rnnserving.model.RecurrentClassifier;
import io.github.rnnserving.model.StateDict;
import io.github.rnnserving.model.StateDictNames;
import io.github.rnnserving.model.TorchScriptContract;
import io.github.rnnserving.model.TorchScriptLoader;
import io.github.rnnserving.model.TorchScriptProbe;
import io.github.rnnserving.web.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports models trained elsewhere with their {@code model.json}: a PyTorch {@code state_dict}
 * ({@code .npz}) under the user's module names, whose names are mapped ({@link StateDictNames}) and
 * architecture read off the shapes ({@link ArchitectureInference}) from the archive's headers, then
 * loaded so a bundle is only written when every parameter is present and of the right shape; or a
 * TorchScript module, which
 * must load in this libtorch and answer a probe batch with one logit per label before it is kept.
 */
@Component
public class ModelImporter {

    private static final Logger log = LoggerFactory.getLogger(ModelImporter.class);

    private final ModelRegistry registry;
    private final ModelBundles bundles = new ModelBundles();
    private final ManifestChecks checks;
    private final long maxWeightsBytes;

    public ModelImporter(ModelRegistry registry, RnnProperties properties) {
        this.registry = registry;
        this.checks = new ManifestChecks(properties.limits().maxParameters());
        this.maxWeightsBytes = properties.limits().maxWeightsBytes().toBytes();
    }

    /**
     * Writes a new version and returns its manifest; the model serves at once if it is new. The
     * upload is kept on disk so the archive's directory and every array's header are checked
     * against the architecture before anything is inflated or allocated; the loaded model must
     * then answer a probe batch before it is written.
     */
    public ModelManifest importNpz(ImportManifest manifest, InputStream npz) throws IOException {
        checks.check(manifest, true);
        Path upload = spool(npz, ".npz");
        try {
            return importSpooled(manifest, upload);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /**
     * As {@link #importNpz(ImportManifest, InputStream)} from the manifest's JSON, which a model of
     * PyTorch's character-RNN tutorial may leave without its hidden size and classes: they are read
     * from the upload's headers and the labels first ({@link TutorialRnnManifest}).
     */
    public ModelManifest importNpz(byte[] manifestJson, InputStream npz) throws IOException {
        Path upload = spool(npz, ".npz");
        try {
            ImportManifest manifest = ManifestJson.parse(TutorialRnnManifest.complete(manifestJson, upload));
            checks.check(manifest, true);
            return importSpooled(manifest, upload);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    private ModelManifest importSpooled(ImportManifest manifest, Path upload) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImportManifest resolved;
            Map<String, String> parameterOf;
            if (isTutorialRnn(manifest)) {
                // the tutorial's own names (i2h, i2o) carry no PyTorch RNN suffixes, and its
                // architecture was completed from their shapes (TutorialRnnManifest)
                resolved = manifest.withArchitecture(ArchitectureInference.shown(
                        manifest.declaredArchitecture(), manifest.input(), manifest.labels()));
                parameterOf = tutorialNames(manifest, upload);
            } else {
                StateDict weights = stateDict(manifest, upload);
                resolved = manifest.withArchitecture(ArchitectureInference.fromWeights(
                        manifest.declaredArchitecture(), weights, manifest.input(), manifest.labels()));
                parameterOf = weights.parameterOf();
            }
            checks.checkArchitecture(resolved);
            // parameters are allocated only once the archive's headers have passed (PyTorchWeights)
            RecurrentClassifier classifier = new RecurrentClassifier(resolved.architecture());
            try {
                PyTorchWeights.load(classifier, upload, manager, maxWeightsBytes, parameterOf);
            } catch (InvalidWeightsException e) {
                throw new InvalidInputException("weights", e.getMessage());
            }
            probe(classifier, resolved, manager);
            Path bundle =
                    bundles.write(registry.modelsDir(), fullManifest(resolved, ModelManifest.FORMAT_NPZ), classifier);
            registry.registerNew(bundle);
            return bundles.readManifest(bundle);
        }
    }

    /**
     * The upload's arrays under the classifier's names, read from the zip directory and the
     * {@code .npy} headers only: the names are mapped and the shapes known before any data is
     * inflated.
     */
    private static StateDict stateDict(ImportManifest manifest, Path upload) throws IOException {
        try {
            Map<String, Shape> arrays = NpzHeaders.read(upload);
            ManifestChecks.checkParameterNames(manifest.parameterNames(), arrays.keySet());
            return StateDictNames.map(
                    arrays, manifest.parameterNames(), manifest.input().kind().embedded());
        } catch (InvalidWeightsException e) {
            throw new InvalidInputException("weights", e.getMessage());
        }
    }

    private static boolean isTutorialRnn(ImportManifest manifest) {
        return manifest.declaredArchitecture() != null
                && manifest.declaredArchitecture().cell() == CellType.TUTORIAL_RNN;
    }

    /** The tutorial's arrays under their own names, after the manifest's prefix rewrites only. */
    private static Map<String, String> tutorialNames(ImportManifest manifest, Path upload) throws IOException {
        try {
            Map<String, Shape> arrays = NpzHeaders.read(upload);
            ManifestChecks.checkParameterNames(manifest.parameterNames(), arrays.keySet());
            return StateDictNames.rewrite(arrays.keySet(), manifest.parameterNames());
        } catch (InvalidWeightsException e) {
            throw new InvalidInputException("weights", e.getMessage());
        }
    }

    /**
     * Writes a new version holding a TorchScript module and returns its manifest, which records
     * how the probe found the module must be called ({@link TorchScriptContract});
     * {@code manifest.architecture} is optional and only shown to users.
     */
    public ModelManifest importTorchScript(ImportManifest manifest, InputStream module) throws IOException {
        checks.check(manifest, false);
        manifest = manifest.withArchitecture(
                ArchitectureInference.shown(manifest.declaredArchitecture(), manifest.input(), manifest.labels()));
        checks.checkArchitecture(manifest);
        Path upload = spool(module, ".pt");
        try {
            TorchScriptContract contract = probe(upload, manifest);
            Path bundle = bundles.writeTorchScript(
                    registry.modelsDir(), fullManifest(manifest, ModelManifest.FORMAT_TORCHSCRIPT, contract), upload);
            registry.registerNew(bundle);
            return bundles.readManifest(bundle);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /**
     * Copies an upload to a hidden file in the models folder: on the file system the bundle goes to,
     * and named so that a copy an interrupted import leaves is recognised at start-up
     * ({@link ImportLeftovers}).
     */
    private Path spool(InputStream in, String suffix) throws IOException {
        Files.createDirectories(registry.modelsDir());
        Path upload = Files.createTempFile(registry.modelsDir(), ImportLeftovers.IMPORT_PREFIX, suffix);
        try (OutputStream out = Files.newOutputStream(upload)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
        return upload;
    }

    /** Runs imported weights once on two inputs of different lengths, as /classify will. */
    private static void probe(RecurrentClassifier classifier, ImportManifest manifest, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits = classifier
                    .forward(
                            new ParameterStore(scope, false),
                            Batches.of(scope, manifest.input().probeBatch()),
                            false)
                    .head();
            Shape expected = new Shape(2, manifest.labels().size());
            if (!logits.getShape().equals(expected)
                    || !logits.isInfinite().logicalOr(logits.isNaN()).none().getBoolean()) {
                throw new InvalidInputException(
                        "weights",
                        "the weights give no finite logit per label on a probe batch"
                                + " of two inputs (NaN or infinite values in the arrays?)");
            }
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            log.warn("an imported .npz of {} fails on its probe batch", manifest.name(), e);
            throw new InvalidInputException("weights", "the weights fail on a probe batch of two inputs");
        }
    }

    /**
     * Loads the module and finds how it is called ({@link TorchScriptProbe}): its signature,
     * whether it answers alike at batch sizes 1, 2 and 3, and that it returns what the manifest's
     * {@code outputs} declares.
     */
    private static TorchScriptContract probe(Path module, ImportManifest manifest) {
        ZooModel<NDList, NDList> model;
        try {
            model = TorchScriptLoader.load(module);
        } catch (InvalidBundleException e) {
            log.warn("an imported TorchScript module of {} does not load: {}", manifest.name(), e.getMessage());
            throw new InvalidInputException(
                    "torchscript",
                    "the file is not a loadable TorchScript model (save it with"
                            + " torch.jit.script(model).save(path) or torch.jit.trace(model, example).save(path))");
        }
        try (model) {
            TorchScriptContract contract = TorchScriptProbe.probe(
                    model,
                    manifest.input(),
                    manifest.labels().size(),
                    TorchScriptContract.Outputs.parse(manifest.outputs()));
            log.info("imported TorchScript module of {}: {}", manifest.name(), contract);
            return contract;
        } catch (InvalidModuleException e) {
            throw new InvalidInputException("torchscript", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("an imported TorchScript module of {} fails on its probe", manifest.name(), e);
            throw new InvalidInputException("torchscript", "the module fails on its probe inputs");
        }
    }

    private static ModelManifest fullManifest(ImportManifest manifest, String format) {
        return fullManifest(manifest, format, null);
    }

    private static ModelManifest fullManifest(
            ImportManifest manifest, String format, TorchScriptContract moduleContract) {
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                manifest.name(),
                null,
                Instant.now().toString(),
                format,
                new ModelManifest.EngineInfo(
                        Engine.getInstance().getEngineName(),
                        Engine.getInstance().getVersion(),
                        Engine.getDjlVersion()),
                manifest.input(),
                manifest.architecture(),
                manifest.labels(),
                null,
                manifest.training(),
                manifest.dataset(),
                manifest.metrics(),
                moduleContract);
    }
}
