package io.github.rnnserving.registry;

import ai.djl.Model;
import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.Folders;
import io.github.rnnserving.model.InvalidBundleException;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.TorchScriptLoader;
import io.github.rnnserving.serving.ServingEngine;
import io.github.rnnserving.serving.ServingFile;
import io.github.rnnserving.serving.ServingSettings;
import io.github.rnnserving.web.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The models folder as served: every model's serving version loaded at start, promotion without
 * dropped requests, deletion of versions that do not serve. The serving version of a model is
 * kept in {@code <name>/serving-version} so it survives restarts; without it the latest serves.
 */
@Component
public class ModelRegistry implements DisposableBean {

    static final String SERVING_FILE = "serving-version";
    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final Path modelsDir;
    private final ServingEngine engine;
    private final boolean warmUp;
    private final ModelBundles bundles = new ModelBundles();
    private final Map<String, AtomicReference<ServedModel>> serving = new ConcurrentHashMap<>();
    /** Every version loaded, serving or kept alive by its users after a promotion, by "name/version". */
    private final Map<String, ServedModel> loaded = new ConcurrentHashMap<>();

    public ModelRegistry(RnnProperties properties, ServingEngine engine) {
        this.modelsDir = properties.modelsDir().toAbsolutePath().normalize();
        this.engine = engine;
        this.warmUp = properties.serving().warmUp();
        loadAll();
    }

    public Path modelsDir() {
        return modelsDir;
    }

    /** A serving model with a reference taken: call {@link ServedModel#release()} when done. */
    public ServedModel acquire(String name) {
        AtomicReference<ServedModel> current = serving.get(name);
        if (current == null) {
            throw new ModelNotFoundException("no model named '" + name + "'; GET /models lists them");
        }
        while (true) {
            ServedModel model = current.get();
            if (model.retain()) {
                return model;
            }
        }
    }

    /**
     * The serving model, which must be {@code version} (when not null): a version that exists but
     * does not serve is refused with a 404 saying so rather than loaded on demand, so that only
     * serving versions hold memory and forward workers.
     */
    public ServedModel acquire(String name, String version) {
        ServedModel model = acquire(name);
        String serving = model.manifest().version();
        if (version == null || version.equals(serving)) {
            return model;
        }
        model.release();
        boolean exists = versions(name).stream().anyMatch(v -> String.valueOf(v).equals(version));
        throw new ModelNotFoundException(
                exists
                        ? "version " + version + " of model '" + name + "' exists but does not serve (version "
                                + serving + " serves); promote it to serve it"
                        : "model '" + name + "' has no version '" + version + "'; GET /models/" + name
                                + " lists its versions");
    }

    /**
     * {@code version} of the model, serving or not, with a reference taken: a streaming session stays
     * on the version it started on. A version already loaded (serving, or held by others) is shared;
     * another is loaded from its files now and closes when its last user releases it.
     *
     * @throws ModelNotFoundException when the model or the version's files do not exist
     */
    public ServedModel acquireVersion(String name, String version) {
        AtomicReference<ServedModel> current = serving.get(name);
        if (current != null) {
            ServedModel model = acquire(name);
            if (model.manifest().version().equals(version)) {
                return model;
            }
            model.release();
        }
        synchronized (this) {
            ServedModel model = loaded.get(name + "/" + version);
            if (model != null && model.retain()) {
                return model;
            }
            return load(versionDir(name, version));
        }
    }

    /** Whether the files of {@code version} are still there (it may have been deleted while in use). */
    public boolean exists(String name, String version) {
        return version.matches("[1-9][0-9]{0,8}")
                && ModelBundles.isValidName(name)
                && Files.isDirectory(modelsDir.resolve(name).resolve(version));
    }

    public List<String> names() {
        return serving.keySet().stream().sorted().toList();
    }

    public ModelManifest servingManifest(String name) {
        AtomicReference<ServedModel> current = serving.get(name);
        if (current == null) {
            throw new ModelNotFoundException("no model named '" + name + "'");
        }
        return current.get().manifest();
    }

    public List<Integer> versions(String name) {
        return ModelBundles.versions(modelsDir.resolve(name));
    }

    /** Serves {@code version} from now on; requests already running finish on the old version. */
    public synchronized ModelManifest promote(String name, String version) {
        Path bundle = versionDir(name, version);
        ServedModel loaded = load(bundle);
        writeServingVersion(name, version);
        AtomicReference<ServedModel> current = serving.computeIfAbsent(name, n -> new AtomicReference<>());
        ServedModel previous = current.getAndSet(loaded);
        if (previous != null) {
            previous.release();
        }
        log.info("model {} now serves version {}", name, version);
        return loaded.manifest();
    }

    /** Deletes a version that does not serve. */
    public synchronized void delete(String name, String version) {
        Path bundle = versionDir(name, version);
        AtomicReference<ServedModel> current = serving.get(name);
        if (current != null && version.equals(current.get().manifest().version())) {
            throw new ConflictException(
                    "version " + version + " of " + name + " is serving; promote another version first");
        }
        Path trash = bundle.resolveSibling(".deleted-" + version + "-" + System.nanoTime());
        try {
            Files.move(bundle, trash, StandardCopyOption.ATOMIC_MOVE);
            Folders.deleteTree(trash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + bundle, e);
        }
    }

    /** Serves a bundle just written under the models folder if its model has no serving version yet. */
    public synchronized void registerNew(Path bundle) {
        String name = bundle.getParent().getFileName().toString();
        if (!serving.containsKey(name)) {
            promote(name, bundle.getFileName().toString());
        }
    }

    private Path versionDir(String name, String version) {
        try {
            ModelBundles.requireValidName(name);
        } catch (IllegalArgumentException e) {
            // a name from the path: the client's mistake, though ModelBundles speaks no HTTP
            throw new InvalidRequestException(e.getMessage(), e);
        }
        if (!version.matches("[1-9][0-9]{0,8}")
                || !Files.isDirectory(modelsDir.resolve(name).resolve(version))) {
            throw new ModelNotFoundException("model '" + name + "' has no version '" + version + "'");
        }
        return modelsDir.resolve(name).resolve(version);
    }

    /**
     * Catches up with the folder as other instances (sharing it) or an operator changed it: new
     * models start serving, and a model whose {@code serving-version} file names another version
     * than the one served switches to it. Run every {@code rnn.models-refresh} by {@link
     * ModelsRefresh}.
     */
    public synchronized void refresh() {
        List<Choice> choices;
        try {
            choices = choices();
        } catch (UncheckedIOException e) {
            log.warn("cannot re-read {}: {}", modelsDir, e.getMessage());
            return;
        }
        for (Choice choice : choices) {
            AtomicReference<ServedModel> current = serving.get(choice.name());
            boolean switched = current != null
                    && choice.recorded()
                    && !choice.version().equals(current.get().manifest().version());
            if (current == null || switched) {
                try {
                    promote(choice.name(), choice.version());
                } catch (RuntimeException e) {
                    log.warn("cannot serve {} version {}: {}", choice.name(), choice.version(), e.getMessage());
                }
            }
        }
    }

    private void loadAll() {
        if (!Files.isDirectory(modelsDir)) {
            log.warn("models folder {} does not exist: serving no models", modelsDir);
            return;
        }
        for (Choice choice : choices()) {
            Path bundle = modelsDir.resolve(choice.name()).resolve(choice.version());
            try {
                serving.put(choice.name(), new AtomicReference<>(load(bundle)));
                log.info("serving {} version {}", choice.name(), choice.version());
            } catch (RuntimeException e) {
                // one broken bundle must not take the other models down
                log.error("cannot load {}: {}", bundle, e.getMessage());
            }
        }
    }

    /**
     * The version each model in the folder should serve: the one its {@code serving-version}
     * file records ({@code recorded}), else its latest.
     */
    private record Choice(String name, String version, boolean recorded) {}

    private List<Choice> choices() {
        if (!Files.isDirectory(modelsDir)) {
            return List.of();
        }
        List<Choice> choices = new ArrayList<>();
        try (Stream<Path> children = Files.list(modelsDir)) {
            for (Path modelDir : children.filter(Files::isDirectory).sorted().toList()) {
                String name = modelDir.getFileName().toString();
                List<Integer> versions = ModelBundles.versions(modelDir);
                if (name.startsWith(".") || versions.isEmpty()) {
                    continue;
                }
                java.util.Optional<String> recorded = readServingVersion(modelDir)
                        .filter(v -> v.matches("[1-9][0-9]{0,8}") && versions.contains(Integer.valueOf(v)));
                choices.add(new Choice(
                        name,
                        recorded.orElse(String.valueOf(versions.get(versions.size() - 1))),
                        recorded.isPresent()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + modelsDir, e);
        }
        return choices;
    }

    private ServedModel load(Path bundle) {
        ModelManifest manifest = bundles.readManifest(bundle);
        Model model = manifest.isTorchScript()
                ? TorchScriptLoader.load(bundles.verifiedWeights(bundle, manifest))
                : Model.newInstance(bundle.getParent().getFileName() + "-" + bundle.getFileName(), "PyTorch");
        try {
            if (!manifest.isTorchScript()) {
                model.setBlock(
                        bundles.read(bundle, manifest, model.getNDManager()).network());
            }
            ServedModel served = new ServedModel(manifest, model, engine, servingSettings(bundle), warmUp);
            loaded.put(bundle.getParent().getFileName() + "/" + bundle.getFileName(), served);
            return served;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The engine's defaults under the bundle's own {@code serving.json}. */
    private ServingSettings servingSettings(Path bundle) {
        try {
            return ServingFile.settings(bundle, engine.defaults());
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(bundle + ": " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<String> readServingVersion(Path modelDir) {
        Path file = modelDir.resolve(SERVING_FILE);
        try {
            return Files.isRegularFile(file)
                    ? java.util.Optional.of(
                            Files.readString(file, StandardCharsets.UTF_8).trim())
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private void writeServingVersion(String name, String version) {
        Path file = modelsDir.resolve(name).resolve(SERVING_FILE);
        Path staging = file.resolveSibling(SERVING_FILE + ".tmp");
        try {
            Files.writeString(staging, version + "\n", StandardCharsets.UTF_8);
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the serving version of " + name, e);
        }
    }

    @Override
    public void destroy() {
        List<AtomicReference<ServedModel>> all = new ArrayList<>(serving.values());
        serving.clear();
        for (AtomicReference<ServedModel> reference : all) {
            reference.get().release();
        }
    }
}
