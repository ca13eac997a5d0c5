package io.github.rnnserving.registry;

import static io.github.rnnserving.model.NpzBytes.concat;
import static io.github.rnnserving.model.NpzBytes.npyHeader;
import static io.github.rnnserving.support.LiveProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.NpzBytes;
import io.github.rnnserving.support.ModelUpload;
import io.github.rnnserving.support.SharedFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad imports against the real service over HTTP: zip bombs, lying sizes, mis-shaped and mistyped
 * arrays, manifests that could not serve or would not fit in memory, a module that fails its probe.
 * Each is a 400 naming the field, in problem JSON without internals; none is listed afterwards, none
 * leaves a file, and a good import keeps classifying.
 *
 * <p>One piece although over 300 lines: it is a corpus, one case per way an import can be bad, all
 * against one running service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportBadInputTest {

    private static final String TOKEN = "bad-input-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path GOLDEN_NPZ = SharedFiles.golden().resolve("text-gru-l1-bi.npz");
    private static final Path GOLDEN_MANIFEST = Path.of("docs/examples/golden-gru.model.json");
    private static final Path SCRIPTED_ROWS = Path.of("src/test/resources/torchscript/image-rows-gru-l1-uni.pt");
    private static final long BOMB_ZEROS = 600_000_000L;
    private static Path models;
    private static Path state;
    private static boolean goodImported;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        models = Files.createTempDirectory("rnn-bad-imports-models");
        state = Files.createTempDirectory("rnn-bad-imports-state");
        registry.add("rnn.models-dir", models::toString);
        registry.add("rnn.state-dir", state::toString);
        registry.add("rnn.security.admin-token", () -> TOKEN);
    }

    @Test
    void aZipBombIsRefusedFromItsDeclaredSizeBeforeItIsInflated() throws Exception {
        byte[] bomb = NpzBytes.bomb(NpzBytes.entries(GOLDEN_NPZ), "fc.weight", npyHeader("<f4", 5, 32), BOMB_ZEROS);
        assertThat(bomb.length).isBetween(300_000, 1_500_000);
        JsonNode problem = assertRefused(importNpz(manifest("bomb", m -> {}), bomb), "weights", "bomb");
        assertThat(problem.path("detail").asString()).contains("fc.weight declares");
    }

    @Test
    void aZipBombWhoseDeclaredSizeLiesIsRefusedAtTheFirstByteTooMany() throws Exception {
        importGoodModelOnce();
        byte[] header = npyHeader("<f4", 5, 32);
        byte[] bomb = NpzBytes.bomb(NpzBytes.entries(GOLDEN_NPZ), "fc.weight", header, BOMB_ZEROS);
        byte[] lying = NpzBytes.withDeclaredSize(bomb, "fc.weight.npy", header.length + 5 * 32 * 4);
        long before = residentBytes();
        HttpResponse<String> response = importNpz(manifest("liar", m -> {}), lying);
        long grown = residentBytes() - before;
        System.out.printf(
                "lying zip bomb: %d bytes uploaded, %d inflated, RSS grew by %d MB%n",
                lying.length, BOMB_ZEROS, grown >> 20);
        JsonNode problem = assertRefused(response, "weights", "liar");
        assertThat(problem.path("detail").asString()).contains("fc.weight holds more data");
        assertThat(grown).as("RSS growth").isLessThan(BOMB_ZEROS / 3);
    }

    @Test
    void anArrayOfAnotherShapeOrTypeIsRefusedFromItsHeader() throws Exception {
        Map<String, byte[]> arrays = NpzBytes.entries(GOLDEN_NPZ);
        arrays.put("fc.weight", NpzBytes.zeros(5, 31));
        assertThat(assertRefused(importNpz(manifest("shape", m -> {}), NpzBytes.npz(arrays)), "weights", "shape")
                        .path("detail")
                        .asString())
                .contains("fc.weight has shape (5, 31) but the architecture needs (5, 32)");
        arrays.put("fc.weight", concat(npyHeader("<i4", 5, 32), new byte[5 * 32 * 4]));
        assertThat(assertRefused(importNpz(manifest("dtype", m -> {}), NpzBytes.npz(arrays)), "weights", "dtype")
                        .path("detail")
                        .asString())
                .contains("element type '<i4'");
    }

    @Test
    void weightsThatGiveNoFiniteLogitsFailTheirProbe() throws Exception {
        Map<String, byte[]> arrays = NpzBytes.entries(GOLDEN_NPZ);
        ByteBuffer nan = ByteBuffer.allocate(5 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 5; i++) {
            nan.putFloat(Float.NaN);
        }
        arrays.put("fc.bias", concat(npyHeader("<f4", 5), nan.array()));
        assertThat(assertRefused(importNpz(manifest("nan", m -> {}), NpzBytes.npz(arrays)), "weights", "nan")
                        .path("detail")
                        .asString())
                .contains("probe");
    }

    static Stream<Arguments> badManifests() {
        return Stream.of(
                Arguments.of("columns 10, inputSize 10", image(28, 10, 10), "manifest.input.columns"),
                Arguments.of("columns 10 against inputSize 28", image(28, 10, 28), "manifest.input.columns"),
                Arguments.of("rows 0", image(0, 28, 28), "manifest.input.rows"),
                Arguments.of("rows -1", image(-1, 28, 28), "manifest.input.rows"),
                Arguments.of("rows 5", image(5, 28, 28), "manifest.input.rows"),
                Arguments.of("inputSize 2000000000", image(28, 28, 2_000_000_000), "manifest.architecture.inputSize"),
                Arguments.of(
                        "inputSize 20000, hiddenSize 4096",
                        text(m -> architecture(m).put("inputSize", 20000).put("hiddenSize", 4096)),
                        "manifest.architecture.inputSize"),
                Arguments.of(
                        "4 bidirectional LSTM layers of 4096",
                        text(m -> architecture(m)
                                .put("inputSize", 4096)
                                .put("hiddenSize", 4096)
                                .put("layers", 4)
                                .put("cell", "lstm")),
                        "manifest.architecture.hiddenSize"),
                Arguments.of(
                        "hiddenSize 5000",
                        text(m -> architecture(m).put("hiddenSize", 5000)),
                        "manifest.architecture.hiddenSize"),
                Arguments.of(
                        "hiddenSize as a string",
                        text(m -> architecture(m).put("hiddenSize", "many")),
                        "manifest.architecture.hiddenSize"),
                Arguments.of(
                        "maxLength 0",
                        text(m -> ((ObjectNode) m.get("input")).put("maxLength", 0)),
                        "manifest.input.maxLength"),
                Arguments.of(
                        "vocabulary of one",
                        text(m -> ((ObjectNode) m.get("input"))
                                .putArray("vocabulary")
                                .add("<pad>")),
                        "manifest.input.vocabulary"),
                Arguments.of(
                        "labels twice",
                        text(m -> m.putArray("labels")
                                .add("a")
                                .add("a")
                                .add("b")
                                .add("c")
                                .add("d")),
                        "manifest.labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void aManifestThatCouldNotServeIsRefusedNamingItsField(String title, String manifest, String field)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = importNpz(manifest, Files.readAllBytes(GOLDEN_NPZ));
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("milliseconds to refuse")
                .isLessThan(3000);
        assertRefused(response, field, JSON.readTree(manifest).get("name").asString());
    }

    @Test
    void aTorchScriptManifestWithNegativeRowsIsRefused() throws Exception {
        String manifest =
                "{\"name\": \"scripted-bad\", \"input\": {\"kind\": \"image-rows\", \"rows\": -1, \"columns\": 28},"
                        + " \"labels\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}";
        assertRefused(
                importModel(manifest, "torchscript", Files.readAllBytes(SCRIPTED_ROWS)),
                "manifest.input.rows",
                "scripted-bad");
    }

    @Test
    void aTorchScriptModuleThatFailsItsProbeOrDoesNotLoadIsRefused() throws Exception {
        String threeLabels =
                "{\"name\": \"scripted-three\", \"input\": {\"kind\": \"image-rows\", \"rows\": 28, \"columns\": 28},"
                        + " \"labels\": [\"x\", \"y\", \"z\"]}";
        assertThat(assertRefused(
                                importModel(threeLabels, "torchscript", Files.readAllBytes(SCRIPTED_ROWS)),
                                "torchscript",
                                "scripted-three")
                        .path("detail")
                        .asString())
                .contains("one logit per label");
        String garbage = threeLabels.replace("scripted-three", "scripted-garbage");
        assertThat(assertRefused(
                                importModel(garbage, "torchscript", "not a module".getBytes(StandardCharsets.UTF_8)),
                                "torchscript",
                                "scripted-garbage")
                        .path("detail")
                        .asString())
                .contains("not a loadable TorchScript model");
    }

    @Test
    void uploadsGoUnderTheStateFolder() throws Exception {
        importGoodModelOnce();
        assertThat(state.resolve("uploads")).isDirectory();
    }

    /** The refusal's shape and field; the model is not listed, no file is left, a good model still serves. */
    private JsonNode assertRefused(HttpResponse<String> response, String field, String name) throws Exception {
        JsonNode problem = assertProblem(response, 400, field);
        JsonNode listed =
                JSON.readTree(send(HttpRequest.newBuilder(uri("/models")).GET()).body());
        listed.forEach(model -> assertThat(model.get("name").asString()).isNotEqualTo(name));
        assertThat(models.resolve(name)).doesNotExist();
        try (Stream<Path> left = Files.list(models)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".import-"));
        }
        importGoodModelOnce();
        HttpResponse<String> classified = send(HttpRequest.newBuilder(uri("/classify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\": \"golden-gru\", \"text\": \"abba\", \"topK\": 1}")));
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        return problem;
    }

    private synchronized void importGoodModelOnce() throws Exception {
        if (!goodImported) {
            HttpResponse<String> response =
                    importNpz(Files.readString(GOLDEN_MANIFEST), Files.readAllBytes(GOLDEN_NPZ));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            goodImported = true;
        }
    }

    private static String manifest(String name, Consumer<ObjectNode> change) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(GOLDEN_MANIFEST.toFile());
        manifest.put("name", name);
        change.accept(manifest);
        return manifest.toString();
    }

    private static String text(Consumer<ObjectNode> change) {
        try {
            return manifest("text-" + Integer.toHexString(change.hashCode()), change);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode architecture(ObjectNode manifest) {
        return (ObjectNode) manifest.get("architecture");
    }

    private static String image(int rows, int columns, int inputSize) {
        return ("{\"name\": \"image-%d-%d-%d\", \"input\": {\"kind\": \"image-rows\", \"rows\": %d, \"columns\": %d},"
                        + " \"architecture\": {\"inputKind\": \"image-rows\", \"cell\": \"gru\", \"layers\": 1, \"hiddenSize\": 16,"
                        + " \"bidirectional\": false, \"dropout\": 0, \"summary\": \"last\", \"inputSize\": %d, \"vocabularySize\": 0,"
                        + " \"classes\": 5}, \"labels\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}")
                .formatted(Math.abs(rows), columns, Math.abs(inputSize % 100_000), rows, columns, inputSize);
    }

    private HttpResponse<String> importNpz(String manifest, byte[] npz) throws Exception {
        return importModel(manifest, "weights", npz);
    }

    private HttpResponse<String> importModel(String manifest, String part, byte[] file) throws Exception {
        return send(ModelUpload.request(uri("/models"), TOKEN, manifest, part, file));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** This JVM's resident set, which holds the service under test. */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
