package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.support.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case PyTorch computed in {@code shared/golden}: its weights loaded under their PyTorch names
 * must give PyTorch's logits and per-step outputs within 1e-4, padding included.
 */
class GoldenPyTorchTest {

    private static final double TOLERANCE = 1e-4;

    @BeforeAll
    static void sayWhichKernels() {
        CpuKernels.ensureExact();
        System.out.printf(
                "GoldenPyTorchTest on %s; oneDNN switch %s%n",
                CpuFeatures.vectorExtensions(), CpuKernels.oneDnnEnabled() ? "on" : "off (ATen's LSTM)");
    }

    /** Each case named by its file, e.g. {@code text-lstm-l2-bi.json}. */
    static Stream<Named<Path>> cases() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SharedFiles.golden())) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files.size()).as("golden cases in " + SharedFiles.golden()).isEqualTo(18);
        return files.stream().map(file -> Named.of(file.getFileName().toString(), file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesPyTorch(Path caseFile) throws IOException {
        JsonNode golden = JsonMapper.builder().build().readTree(caseFile.toFile());
        Architecture architecture = architecture(golden.get("config"));
        String name = caseFile.getFileName().toString();

        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = load(architecture, caseFile, golden, manager);
            NDArray input = input(architecture, golden, manager);
            long[] lengths = longArray(golden.get("lengths"));
            NDList result = classifier.forwardWithOutputs(
                    new ParameterStore(manager, false), new NDList(input, manager.create(lengths)), false, 0);

            JsonNode expected = golden.get("expected");
            assertClose(expected.get("logits"), result.get(0), name + ": logits");
            assertClose(expected.get("outputs"), result.get(1), name + ": outputs");
        }
    }

    /** The test's own reference, ReferenceNetwork, is checked against PyTorch too before the sweep trusts it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void referenceFormulasReproducePyTorch(Path caseFile) throws IOException {
        JsonNode golden = JsonMapper.builder().build().readTree(caseFile.toFile());
        Architecture architecture = architecture(golden.get("config"));
        String name = caseFile.getFileName().toString();

        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = load(architecture, caseFile, golden, manager);
            Map<String, NDArray> weights = new LinkedHashMap<>();
            classifier
                    .namedParameters()
                    .forEach((key, parameter) ->
                            weights.put(key, parameter.getArray().toType(DataType.FLOAT64, true)));
            ReferenceNetwork reference = new ReferenceNetwork(architecture, weights);
            NDArray input = input(architecture, golden, manager);
            long[] lengths = longArray(golden.get("lengths"));
            NDList logits = new NDList();
            for (int b = 0; b < lengths.length; b++) {
                NDArray steps = input.get(b).get("0:{}", lengths[b]);
                logits.add(reference.logits(
                        architecture.inputKind() == InputKind.TEXT ? steps : steps.toType(DataType.FLOAT64, false)));
            }
            assertClose(
                    golden.get("expected").get("logits"),
                    NDArrays.stack(logits).toType(DataType.FLOAT32, false),
                    name + ": reference logits");
        }
    }

    private static Architecture architecture(JsonNode config) {
        InputKind kind = InputKind.of(config.get("inputKind").asString());
        return new Architecture(
                kind,
                CellType.of(config.get("cell").asString()),
                config.get("layers").asInt(),
                config.get("hiddenSize").asInt(),
                config.get("bidirectional").asBoolean(),
                0f,
                0f,
                0f,
                Summary.LAST,
                kind == InputKind.TEXT ? config.get("embeddingSize").asInt() : 28,
                kind == InputKind.TEXT ? config.get("vocabularySize").asInt() : 0,
                config.get("classes").asInt());
    }

    private static RecurrentClassifier load(
            Architecture architecture, Path caseFile, JsonNode golden, NDManager manager) throws IOException {
        RecurrentClassifier classifier = new RecurrentClassifier(architecture);
        classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        Path weights = caseFile.resolveSibling(golden.get("weights").asString());
        try (InputStream in = Files.newInputStream(weights)) {
            PyTorchWeights.load(classifier, in, manager);
        }
        return classifier;
    }

    private static NDArray input(Architecture architecture, JsonNode golden, NDManager manager) {
        return architecture.inputKind() == InputKind.TEXT
                ? longs(manager, golden.get("input"))
                : floats(manager, golden.get("input"));
    }

    private static void assertClose(JsonNode expected, NDArray actual, String what) {
        float[] want = flatten(expected);
        float[] got = actual.toFloatArray();
        assertThat(got.length).as(what + " size").isEqualTo(want.length);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertThat(worst <= TOLERANCE)
                .as(what + " differ from PyTorch by " + worst)
                .isTrue();
    }

    private static NDArray longs(NDManager manager, JsonNode rows) {
        int batch = rows.size();
        int steps = rows.get(0).size();
        long[] flat = new long[batch * steps];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                flat[b * steps + t] = rows.get(b).get(t).asLong();
            }
        }
        return manager.create(flat, new Shape(batch, steps));
    }

    private static NDArray floats(NDManager manager, JsonNode images) {
        float[] flat = flatten(images);
        return manager.create(
                flat,
                new Shape(
                        images.size(),
                        images.get(0).size(),
                        images.get(0).get(0).size()));
    }

    private static long[] longArray(JsonNode node) {
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asLong();
        }
        return values;
    }

    private static float[] flatten(JsonNode node) {
        java.util.ArrayList<Float> values = new java.util.ArrayList<>();
        collect(node, values);
        float[] flat = new float[values.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values.get(i);
        }
        return flat;
    }

    private static void collect(JsonNode node, List<Float> values) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, values);
            }
        } else {
            values.add((float) node.asDouble());
        }
    }
}
