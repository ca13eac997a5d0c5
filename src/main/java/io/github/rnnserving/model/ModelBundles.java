package io.github.rnnserving.model;

import ai.djl.ndarray.NDManager;
import io.github.rnnserving.model.text.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model bundles on disk: {@code <models>/<name>/<version>/} with {@code model.json} and either
 * {@code weights.npz} (PyTorch parameter names) or {@code model.pt} (an imported TorchScript module). A bundle is written into a hidden temporary folder and
 * renamed into place, so a reader never sees half a model; the manifest records the weights'
 * SHA-256 so a damaged file is refused at load.
 */
public final class ModelBundles {

    public static final String MANIFEST = "model.json";
    public static final String WEIGHTS = "weights.npz";
    public static final String TORCHSCRIPT = "model.pt";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Checks a model name: lower-case letters, digits, '.', '_' and '-', no path tricks. */
    public static String requireValidName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(
                    "model name '" + name + "' must be 1-64 of a-z 0-9 . _ - and start with a letter or digit");
        }
        return name;
    }

    /** Whether {@link #requireValidName} would take {@code name}. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /** Writes a new version of {@code manifest.name()} with the classifier's weights and returns its folder. */
    public Path write(Path modelsDir, ModelManifest manifest, RecurrentNetwork classifier) {
        return write(modelsDir, manifest, WEIGHTS, out -> PyTorchWeights.save(classifier, out));
    }

    /** Writes a new version of {@code manifest.name()} holding a copy of a TorchScript file. */
    public Path writeTorchScript(Path modelsDir, ModelManifest manifest, Path torchScriptFile) {
        return write(modelsDir, manifest, TORCHSCRIPT, out -> Files.copy(torchScriptFile, out));
    }

    private interface WeightsWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private Path write(Path modelsDir, ModelManifest manifest, String weightsName, WeightsWriter writer) {
        String name = requireValidName(manifest.name());
        Path modelDir = modelsDir.resolve(name);
        Path staging = modelDir.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            Path weights = staging.resolve(weightsName);
            try (OutputStream out = Files.newOutputStream(weights)) {
                writer.writeTo(out);
            }
            ModelManifest.WeightsFile file =
                    new ModelManifest.WeightsFile(weightsName, sha256(weights), Files.size(weights));
            for (int attempt = 0; attempt < 100; attempt++) {
                String version = String.valueOf(latestVersion(modelDir) + 1);
                json.writeValue(staging.resolve(MANIFEST).toFile(), manifest.withVersionAndWeights(version, file));
                Path target = modelDir.resolve(version);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // another writer took this version number first: take the next one
                }
            }
            throw new IOException("could not allocate a version under " + modelDir);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException("cannot write model bundle under " + modelDir, e);
        }
    }

    /** Reads a bundle folder, checks it and loads its weights into a classifier on {@code manager}. */
    public LoadedModel read(Path bundleDir, NDManager manager) {
        return read(bundleDir, readManifest(bundleDir), manager);
    }

    /** As {@link #read(Path, NDManager)}, with the manifest the caller has already read. */
    public LoadedModel read(Path bundleDir, ModelManifest manifest, NDManager manager) {
        if (manifest.isTorchScript()) {
            throw new InvalidBundleException(bundleDir + " holds a TorchScript module, not .npz weights");
        }
        Path weights = verifiedWeights(bundleDir, manifest);
        // left uninitialised: the weights become its parameters (no random values drawn first)
        RecurrentNetwork classifier = network(manifest);
        try (InputStream in = Files.newInputStream(weights)) {
            PyTorchWeights.load(classifier, in, manager);
        } catch (InvalidWeightsException e) {
            throw new InvalidBundleException(bundleDir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidBundleException(bundleDir + ": cannot read weights: " + e.getMessage(), e);
        }
        return new LoadedModel(manifest, classifier);
    }

    /** A generator's labels are its conditions, and its head predicts its vocabulary's next token. */
    private static ModelManifest checkedGenerator(Path bundleDir, ModelManifest manifest) {
        Architecture architecture = manifest.architecture();
        if (manifest.labels().size() != architecture.conditionCount()) {
            throw new InvalidBundleException(
                    bundleDir + ": " + manifest.labels().size() + " conditions (labels) for an" + " architecture of "
                            + architecture.conditionCount());
        }
        if (!(manifest.input() instanceof TextInputSpec text)
                || !Vocabulary.fromTokens(text.vocabulary()).hasEndToken()
                || architecture.classes() != text.vocabularySize()
                || architecture.vocabularySize() != text.vocabularySize()) {
            throw new InvalidBundleException(
                    bundleDir + ": a generator reads text whose vocabulary has " + Vocabulary.END_TOKEN + " at "
                            + Vocabulary.END_INDEX + " and predicts it (classes = vocabulary size)");
        }
        return manifest;
    }

    /** The network a manifest describes, uninitialised: a language model for a generator. */
    public static RecurrentNetwork network(ModelManifest manifest) {
        return manifest.isGenerator()
                ? new LanguageModel(manifest.architecture())
                : new RecurrentClassifier(manifest.architecture());
    }

    /** The bundle's weights file, once its presence and SHA-256 are checked against the manifest. */
    public Path verifiedWeights(Path bundleDir, ModelManifest manifest) {
        Path weights = bundleDir.resolve(manifest.weights().file()).normalize();
        if (!weights.startsWith(bundleDir.normalize()) || !Files.isRegularFile(weights)) {
            throw new InvalidBundleException(
                    bundleDir + ": weights file " + manifest.weights().file() + " is missing");
        }
        String actual = sha256(weights);
        if (!actual.equals(manifest.weights().sha256())) {
            throw new InvalidBundleException(
                    bundleDir + ": " + manifest.weights().file() + " is corrupt (sha256 " + actual
                            + ", model.json expects " + manifest.weights().sha256() + ")");
        }
        return weights;
    }

    public ModelManifest readManifest(Path bundleDir) {
        Path file = bundleDir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new InvalidBundleException(bundleDir + ": no " + MANIFEST + " (is this a model folder?)");
        }
        ModelManifest manifest;
        try {
            manifest = json.readValue(file.toFile(), ModelManifest.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidBundleException(bundleDir + ": " + MANIFEST + " is invalid: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() != ModelManifest.FORMAT_VERSION) {
            throw new InvalidBundleException(
                    bundleDir + ": format version " + manifest.formatVersion() + " is not supported");
        }
        if (!manifest.isTorchScript() && !ModelManifest.FORMAT_NPZ.equals(manifest.format())) {
            throw new InvalidBundleException(bundleDir + ": unknown weights format '" + manifest.format() + "'");
        }
        if (manifest.input() == null
                || manifest.weights() == null
                || (manifest.labels().isEmpty() && !manifest.isGenerator())) {
            throw new InvalidBundleException(bundleDir + ": " + MANIFEST + " lacks input, labels or weights");
        }
        if (manifest.isTorchScript()) {
            // the module's own code defines the network; nothing more to cross-check here
            return manifest;
        }
        if (manifest.architecture() == null) {
            throw new InvalidBundleException(bundleDir + ": " + MANIFEST + " lacks the architecture");
        }
        if (manifest.isGenerator()) {
            return checkedGenerator(bundleDir, manifest);
        }
        if (manifest.labels().size() != manifest.architecture().classes()) {
            throw new InvalidBundleException(
                    bundleDir + ": " + manifest.labels().size() + " labels for "
                            + manifest.architecture().classes() + " classes");
        }
        if (manifest.input().vocabularySize() != manifest.architecture().vocabularySize()) {
            throw new InvalidBundleException(bundleDir + ": vocabulary size differs from the architecture's");
        }
        return manifest;
    }

    /** Version folders of a model, oldest first. */
    public static List<Integer> versions(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(modelDir)) {
            return children.map(p -> p.getFileName().toString())
                    .filter(n -> VERSION.matcher(n).matches())
                    .map(Integer::valueOf)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int latestVersion(Path modelDir) {
        List<Integer> versions = versions(modelDir);
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Folders.deleteTree(folder);
        } catch (IOException ignored) {
            // best effort: a left-over hidden .tmp- folder is never read as a model
        }
    }
}
