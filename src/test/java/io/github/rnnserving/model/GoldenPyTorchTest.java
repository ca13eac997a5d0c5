package io.github.rnnserving.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
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
import java.util.List;
import java.util.stream.Stream;
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

    static Stream<Path> cases() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SharedFiles.golden())) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(18, files.size(), "golden cases in " + SharedFiles.golden());
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesPyTorch(Path caseFile) throws IOException {
        JsonNode golden = JsonMapper.builder().build().readTree(caseFile.toFile());
        JsonNode config = golden.get("config");
        InputKind kind = InputKind.of(config.get("inputKind").asString());
        Architecture architecture =
                new Architecture(
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

        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            Path weights = caseFile.resolveSibling(golden.get("weights").asString());
            try (InputStream in = Files.newInputStream(weights)) {
                PyTorchWeights.load(classifier, in, manager);
            }

            NDArray input = kind == InputKind.TEXT ? longs(manager, golden.get("input")) : floats(manager, golden.get("input"));
            long[] lengths = longArray(golden.get("lengths"));
            NDList result =
                    classifier.forwardWithOutputs(
                            new ParameterStore(manager, false),
                            new NDList(input, manager.create(lengths)),
                            false,
                            0);

            JsonNode expected = golden.get("expected");
            assertClose(expected.get("logits"), result.get(0), "logits");
            assertClose(expected.get("outputs"), result.get(1), "outputs");
        }
    }

    private static void assertClose(JsonNode expected, NDArray actual, String what) {
        float[] want = flatten(expected);
        float[] got = actual.toFloatArray();
        assertEquals(want.length, got.length, what + " size");
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertTrue(worst <= TOLERANCE, what + " differ from PyTorch by " + worst);
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
        return manager.create(flat, new Shape(images.size(), images.get(0).size(), images.get(0).get(0).size()));
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
