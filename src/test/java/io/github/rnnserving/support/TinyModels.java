package io.github.rnnserving.support;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Folders;
import io.github.rnnserving.model.ImageRowsInputSpec;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.RecurrentClassifier;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.Vocabulary;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.serving.ServingEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny untrained models written as real bundles: a character GRU "names" and a row GRU "mnist",
 * served by a real {@link ModelRegistry} in web slice tests.
 */
public final class TinyModels {

    public static final List<String> NAME_LABELS = List.of("english", "japanese", "russian");
    public static final List<String> DIGIT_LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private TinyModels() {}

    /** A fresh temporary models folder holding "names" (over {@code alphabet}) and "mnist". */
    public static ModelsFolder folderWithNamesAndMnist(String alphabet) throws IOException {
        Path folder = Files.createTempDirectory("rnn-tiny-models");
        writeTextModel(folder, alphabet);
        Architecture rows = new Architecture(
                InputKind.IMAGE_ROWS, CellType.GRU, 1, 4, false, 0f, 0f, 0f, Summary.LAST, 28, 0, DIGIT_LABELS.size());
        write(folder, manifest("mnist", new ImageRowsInputSpec(28, 28), rows, DIGIT_LABELS), rows);
        return new ModelsFolder(folder);
    }

    /** Writes the next version of "names": a character GRU over {@code alphabet}. */
    public static Path writeTextModel(Path folder, String alphabet) {
        return writeTextModel(folder, alphabet, 20);
    }

    /** The same, reading texts of up to {@code maxLength} characters (long inputs make slow requests). */
    public static Path writeTextModel(Path folder, String alphabet, int maxLength) {
        List<String> vocabulary = new ArrayList<>(List.of(Vocabulary.PADDING_TOKEN, Vocabulary.UNKNOWN_TOKEN));
        alphabet.codePoints().forEach(c -> vocabulary.add(Character.toString(c)));
        Architecture text = new Architecture(
                InputKind.TEXT,
                CellType.GRU,
                1,
                4,
                false,
                0f,
                0f,
                0f,
                Summary.LAST,
                3,
                vocabulary.size(),
                NAME_LABELS.size());
        InputSpec input = TextInputSpec.of(Tokenizer.characters(), Vocabulary.fromTokens(vocabulary), maxLength);
        return write(folder, manifest("names", input, text, NAME_LABELS), text);
    }

    /** A registry over {@code folder} with the test's limits and security settings. */
    public static ModelRegistry registry(ModelsFolder folder, RnnProperties properties, ServingEngine engine) {
        return new ModelRegistry(properties.withModelsDir(folder.path()), engine);
    }

    /** Writes the next version of model {@code name}: {@code architecture}, untrained, seeded. */
    public static Path writeModel(
            Path folder, String name, InputSpec input, Architecture architecture, List<String> labels) {
        return writeModel(folder, name, input, architecture, labels, 7);
    }

    /** The same, with weights drawn from {@code seed}. */
    public static Path writeModel(
            Path folder, String name, InputSpec input, Architecture architecture, List<String> labels, int seed) {
        return write(folder, manifest(name, input, architecture, labels), architecture, seed);
    }

    private static Path write(Path folder, ModelManifest manifest, Architecture architecture) {
        return write(folder, manifest, architecture, 7);
    }

    private static Path write(Path folder, ModelManifest manifest, Architecture architecture, int seed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            return new ModelBundles().write(folder, manifest, classifier);
        }
    }

    private static ModelManifest manifest(
            String name, InputSpec input, Architecture architecture, List<String> labels) {
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                name,
                null,
                "2026-01-01T00:00:00Z",
                ModelManifest.FORMAT_NPZ,
                new ModelManifest.EngineInfo("PyTorch", "2.7.1", "0.36.0"),
                input,
                architecture,
                labels,
                null,
                null,
                null,
                null);
    }

    /** The temporary models folder, deleted when the Spring context closes (after the registry). */
    public record ModelsFolder(Path path) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            Folders.deleteTree(path);
        }
    }
}
