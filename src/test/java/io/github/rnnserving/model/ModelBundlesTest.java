package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.Vocabulary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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

            assertThat(first).isEqualTo(models.resolve("tiny/1"));
            assertThat(second).isEqualTo(models.resolve("tiny/2"));
            assertThat(ModelBundles.versions(models.resolve("tiny"))).isEqualTo(List.of(1, 2));
            try (Stream<Path> left = Files.list(models.resolve("tiny"))) {
                assertThat(left.count()).as("no temporary folder left behind").isEqualTo(2);
            }
            LoadedModel loaded = bundles.read(first, manager);
            assertThat(loaded.manifest().version()).isEqualTo("1");
            assertThat(loaded.manifest().labels()).isEqualTo(List.of("a", "b"));
            assertThat(loaded.classifier()
                            .namedParameters()
                            .get("rnn.weight_hh_l0")
                            .getArray()
                            .toFloatArray())
                    .containsExactly(classifier
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
            InvalidBundleException corrupt = assertThatExceptionOfType(InvalidBundleException.class)
                    .isThrownBy(() -> bundles.read(bundle, manager))
                    .actual();
            assertThat(corrupt.getMessage().contains("weights.npz is corrupt"))
                    .as(corrupt.getMessage())
                    .isTrue();

            Files.delete(weights);
            InvalidBundleException missing = assertThatExceptionOfType(InvalidBundleException.class)
                    .isThrownBy(() -> bundles.read(bundle, manager))
                    .actual();
            assertThat(missing.getMessage().contains("is missing"))
                    .as(missing.getMessage())
                    .isTrue();

            Files.writeString(bundle.resolve(ModelBundles.MANIFEST), "{\"formatVersion\": 1, \"name\": ");
            InvalidBundleException broken = assertThatExceptionOfType(InvalidBundleException.class)
                    .isThrownBy(() -> bundles.read(bundle, manager))
                    .actual();
            assertThat(broken.getMessage().contains("model.json is invalid"))
                    .as(broken.getMessage())
                    .isTrue();

            InvalidBundleException empty = assertThatExceptionOfType(InvalidBundleException.class)
                    .isThrownBy(() -> bundles.read(models, manager))
                    .actual();
            assertThat(empty.getMessage().contains("no model.json"))
                    .as(empty.getMessage())
                    .isTrue();
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
            InvalidWeightsException mismatch = assertThatExceptionOfType(InvalidWeightsException.class)
                    .isThrownBy(() -> PyTorchWeights.load(
                            other, Files.newInputStream(bundle.resolve(ModelBundles.WEIGHTS)), manager))
                    .actual();
            assertThat(mismatch.getMessage()
                            .contains("rnn.weight_hh_l0 has shape (12, 4) but the architecture needs (15, 5)"))
                    .as(mismatch.getMessage())
                    .isTrue();
        }
    }

    @Test
    void aBundleBecomesTheParametersOfAFreshClassifierWhoseInitializersStay() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier saved = classifier(manager);
            Path bundle = bundles.write(models, manifest(), saved);
            RecurrentClassifier loaded = bundles.read(bundle, manager).classifier();

            assertThat(loaded.namedParameters().keySet())
                    .containsExactlyElementsOf(saved.namedParameters().keySet());
            saved.namedParameters().forEach((name, parameter) -> {
                Parameter read = loaded.namedParameters().get(name);
                assertThat(read.getArray().toFloatArray())
                        .as(name)
                        .containsExactly(parameter.getArray().toFloatArray());
                assertThat(read.getArray().getDataType()).as(name).isEqualTo(DataType.FLOAT32);
                assertThat(read.getArray().hasGradient())
                        .as(name + " still trainable")
                        .isTrue();
                // the architecture's random initializers, for a later re-initialisation
                assertThat(read.getInitializer())
                        .as(name)
                        .isExactlyInstanceOf(parameter.getInitializer().getClass());
            });
        }
    }

    @Test
    void loadedParametersOwnTheirMemoryOnceTheFilesBuffersAreGone() throws IOException, InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier saved = classifier(manager);
            Path bundle = bundles.write(models, manifest(), saved);
            RecurrentClassifier loaded = bundles.read(bundle, manager).classifier();

            // DJL creates a tensor over a direct Java buffer: were a parameter still that tensor,
            // collecting the buffer would free its memory and these allocations would reuse it
            for (int round = 0; round < 5; round++) {
                System.gc();
                Thread.sleep(20);
                List<java.nio.ByteBuffer> garbage = new java.util.ArrayList<>();
                for (Parameter parameter : saved.namedParameters().values()) {
                    int bytes = Math.toIntExact(parameter.getArray().size() * Float.BYTES);
                    for (int copy = 0; copy < 8; copy++) {
                        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(bytes);
                        while (buffer.hasRemaining()) {
                            buffer.put((byte) 0x7f);
                        }
                        garbage.add(buffer);
                    }
                }
            }
            saved.namedParameters()
                    .forEach((name, parameter) -> assertThat(loaded.namedParameters()
                                    .get(name)
                                    .getArray()
                                    .toFloatArray())
                            .as(name)
                            .containsExactly(parameter.getArray().toFloatArray()));
        }
    }

    @Test
    void anArchiveMissingAnArrayLeavesAFreshClassifierUninitialisedAndNoArraysBehind() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path bundle = bundles.write(models, manifest(), classifier(manager));
            byte[] lacking = withoutEntry(bundle.resolve(ModelBundles.WEIGHTS), "fc.bias.npy");
            try (NDManager scope = manager.newSubManager()) {
                RecurrentClassifier fresh = new RecurrentClassifier(architecture());
                InvalidWeightsException missing = assertThatExceptionOfType(InvalidWeightsException.class)
                        .isThrownBy(() -> PyTorchWeights.load(fresh, new ByteArrayInputStream(lacking), scope))
                        .actual();
                assertThat(missing.getMessage()).contains("missing [fc.bias]");
                assertThat(fresh.isInitialized()).isFalse();
                assertThat(scope.getManagedArrays())
                        .as("arrays read before the failure")
                        .isEmpty();
            }
        }
    }

    private static byte[] withoutEntry(Path npz, String dropped) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(npz));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(dropped)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void rejectsNamesThatCouldEscapeTheRegistry() {
        for (String bad : new String[] {"../evil", "a/b", "", "UPPER", ".hidden", "a..b"}) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as(bad)
                    .isThrownBy(() -> ModelBundles.requireValidName(bad));
        }
        assertThat(ModelBundles.requireValidName("names-gru.v2_x")).isEqualTo("names-gru.v2_x");
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
        InputSpec input = TextInputSpec.of(
                Tokenizer.characters(), Vocabulary.fromTokens(List.of("<pad>", "<unk>", "x", "y")), 10);
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
