package io.github.rnnserving.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundlesTest {

    @TempDir
    Path models;

    private final ModelBundles bundles = new ModelBundles();

    @Test
    void writesNumberedVersionsAtomicallyAndReadsThemBack() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = classifier(manager);
            Path first = bundles.write(models, manifest(), classifier);
            Path second = bundles.write(models, manifest(), classifier);

            assertEquals(models.resolve("tiny/1"), first);
            assertEquals(models.resolve("tiny/2"), second);
            assertEquals(List.of(1, 2), ModelBundles.versions(models.resolve("tiny")));
            try (Stream<Path> left = Files.list(models.resolve("tiny"))) {
                assertEquals(2, left.count(), "no temporary folder left behind");
            }
            LoadedModel loaded = bundles.read(first, manager);
            assertEquals("1", loaded.manifest().version());
            assertEquals(List.of("a", "b"), loaded.manifest().labels());
            assertArrayEquals(
                    classifier
                            .namedParameters()
                            .get("rnn.weight_hh_l0")
                            .getArray()
                            .toFloatArray(),
                    loaded.classifier()
                            .namedParameters()
                            .get("rnn.weight_hh_l0")
                            .getArray()
                            .toFloatArray());
        }
    }

    @Test
    void refusesDamagedWeightsMissingFilesAndBrokenManifests() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path bundle = bundles.write(models, manifest(), classifier(manager));
            Path weights = bundle.resolve(ModelBundles.WEIGHTS);
            byte[] bytes = Files.readAllBytes(weights);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(weights, bytes);
            InvalidBundleException corrupt =
                    assertThrows(InvalidBundleException.class, () -> bundles.read(bundle, manager));
            assertTrue(corrupt.getMessage().contains("weights.npz is corrupt"), corrupt.getMessage());

            Files.delete(weights);
            InvalidBundleException missing =
                    assertThrows(InvalidBundleException.class, () -> bundles.read(bundle, manager));
            assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());

            Files.writeString(bundle.resolve(ModelBundles.MANIFEST), "{\"formatVersion\": 1, \"name\": ");
            InvalidBundleException broken =
                    assertThrows(InvalidBundleException.class, () -> bundles.read(bundle, manager));
            assertTrue(broken.getMessage().contains("model.json is invalid"), broken.getMessage());

            InvalidBundleException empty =
                    assertThrows(InvalidBundleException.class, () -> bundles.read(models, manager));
            assertTrue(empty.getMessage().contains("no model.json"), empty.getMessage());
        }
    }

    @Test
    void refusesWeightsOfAnotherArchitecture() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path bundle = bundles.write(models, manifest(), classifier(manager));
            Architecture wider =
                    new Architecture(InputKind.TEXT, CellType.GRU, 1, 5, false, 0f, 0f, 0f, Summary.LAST, 3, 4, 2);
            RecurrentClassifier other = new RecurrentClassifier(wider);
            other.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            InvalidWeightsException mismatch = assertThrows(
                    InvalidWeightsException.class,
                    () -> PyTorchWeights.load(
                            other, Files.newInputStream(bundle.resolve(ModelBundles.WEIGHTS)), manager));
            assertTrue(
                    mismatch.getMessage()
                            .contains("rnn.weight_hh_l0 has shape (12, 4) but the architecture needs (15, 5)"),
                    mismatch.getMessage());
        }
    }

    @Test
    void rejectsNamesThatCouldEscapeTheRegistry() {
        for (String bad : new String[] {"../evil", "a/b", "", "UPPER", ".hidden", "a..b"}) {
            assertThrows(IllegalArgumentException.class, () -> ModelBundles.requireValidName(bad), bad);
        }
        assertEquals("names-gru.v2_x", ModelBundles.requireValidName("names-gru.v2_x"));
    }

    private static Architecture architecture() {
        return new Architecture(InputKind.TEXT, CellType.GRU, 1, 4, false, 0f, 0f, 0f, Summary.LAST, 3, 4, 2);
    }

    private static RecurrentClassifier classifier(NDManager manager) {
        Engine.getInstance().setRandomSeed(1);
        RecurrentClassifier classifier = new RecurrentClassifier(architecture());
        classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        return classifier;
    }

    private static ModelManifest manifest() {
        InputSpec input =
                InputSpec.text(Tokenizer.characters(), Vocabulary.fromTokens(List.of("<pad>", "<unk>", "x", "y")), 10);
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                "tiny",
                null,
                "2026-11-26T00:00:00Z",
                ModelManifest.FORMAT_NPZ,
                new ModelManifest.EngineInfo("PyTorch", "2.7.1", "0.36.0"),
                input,
                architecture(),
                List.of("a", "b"),
                null,
                null,
                null,
                null);
    }
}
