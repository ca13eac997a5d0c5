package io.github.rnnserving.registry;

import static io.github.rnnserving.support.LiveProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.model.NpzBytes;
import io.github.rnnserving.support.ModelUpload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code .npz} weights as PyTorch users save them ({@code np.savez(path, **state_dict)} of modules
 * named {@code self.lstm}, {@code self.gru}, {@code self.classifier}…), imported over HTTP with
 * manifests that give only what the weights cannot say, and classified as PyTorch classified them.
 * Fixtures: {@code src/test/resources/import/make_pytorch_users.py}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NpzImportTest {

    private static final String TOKEN = "npz-import-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path FIXTURES = Path.of("src/test/resources/import");
    private static final Path SCRIPTED_ROWS = Path.of("src/test/resources/torchscript/image-rows-gru-l1-uni.pt");
    private static Path models;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        models = Files.createTempDirectory("rnn-npz-import-models");
        registry.add("rnn.models-dir", models::toString);
        registry.add(
                "rnn.state-dir",
                () -> models.resolveSibling(models.getFileName() + "-state").toString());
        registry.add("rnn.security.admin-token", () -> TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fashion-row-lstm", "text-bigru-out-last", "image-gru-l2-bi"})
    void weightsUnderTheUsersModuleNamesClassifyAsInPyTorch(String fixture) throws Exception {
        JsonNode expected = fixture(fixture);
        HttpResponse<String> imported = importNpz(expected.get("manifest").toString(), npz(fixture));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertClassifiesAsPyTorch(fixture, expected);
    }

    @Test
    void aMinimalImageManifestTakesTheArchitectureFromTheWeights() throws Exception {
        // name, input, labels and architecture.summary: the rest is read off the shapes
        JsonNode minimal = fixture("fashion-row-lstm").get("manifest");
        assertThat(minimal.get("architecture").propertyNames()).containsExactly("summary");
        String manifest = renamed(minimal, "fashion-minimal", m -> {});
        assertThat(importNpz(manifest, npz("fashion-row-lstm")).statusCode()).isEqualTo(201);
        JsonNode architecture = card("fashion-minimal").get("architecture");
        assertThat(architecture.get("inputKind").asString()).isEqualTo("image-rows");
        assertThat(architecture.get("cell").asString()).isEqualTo("lstm");
        assertThat(architecture.get("layers").asInt()).isEqualTo(1);
        assertThat(architecture.get("hiddenSize").asInt()).isEqualTo(16);
        assertThat(architecture.get("bidirectional").asBoolean()).isFalse();
        assertThat(architecture.get("inputSize").asInt()).isEqualTo(28);
        assertThat(architecture.get("vocabularySize").asInt()).isZero();
        assertThat(architecture.get("classes").asInt()).isEqualTo(10);
        assertThat(architecture.get("dropout").asDouble()).isZero();
        assertThat(architecture.get("summary").asString()).isEqualTo("last");
    }

    @Test
    void anImageManifestWithoutVocabularySizeImports() throws Exception {
        String manifest = renamed(
                fixture("fashion-row-lstm").get("manifest"),
                "fashion-no-vocabulary",
                m -> m.putObject("architecture")
                        .put("inputKind", "image-rows")
                        .put("cell", "lstm")
                        .put("layers", 1)
                        .put("hiddenSize", 16)
                        .put("bidirectional", false)
                        .put("summary", "last")
                        .put("inputSize", 28)
                        .put("classes", 10));
        HttpResponse<String> response = importNpz(manifest, npz("fashion-row-lstm"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void anExplicitMappingSettlesTheNames() throws Exception {
        JsonNode expected = fixture("text-bigru-out-last");
        String manifest = renamed(
                expected.get("manifest"),
                "text-mapped",
                m -> m.putObject("parameterNames")
                        .put("gru.", "rnn.")
                        .put("classifier.", "fc.")
                        .put("emb.weight", "embedding.weight"));
        HttpResponse<String> imported = importNpz(manifest, npz("text-bigru-out-last"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        ((ObjectNode) expected.get("manifest")).put("name", "text-mapped");
        assertClassifiesAsPyTorch("text-mapped", expected);
    }

    @Test
    void twoCandidateHeadsAreRefusedNamingBothSidesAndTheMapping() throws Exception {
        Map<String, byte[]> arrays = NpzBytes.entries(FIXTURES.resolve("text-bigru-out-last.npz"));
        arrays.put("aux.weight", NpzBytes.zeros(3, 24));
        arrays.put("aux.bias", NpzBytes.zeros(3));
        JsonNode manifest = fixture("text-bigru-out-last").get("manifest");
        String detail = refused(importNpz(renamed(manifest, "two-heads", m -> {}), NpzBytes.npz(arrays)), "weights");
        assertThat(detail)
                .contains("the head could be any of [")
                .contains("aux.", "classifier.")
                .contains("Found [aux.bias, aux.weight, classifier.bias")
                .contains("expected, under any module names, embedding.weight")
                .contains("fc.weight, fc.bias")
                .contains("\"parameterNames\": {\"");
        // naming the head settles the role; the other module has no place in this network
        String named = renamed(
                manifest, "two-heads-named", m -> m.putObject("parameterNames").put("classifier.", "fc."));
        assertThat(refused(importNpz(named, NpzBytes.npz(arrays)), "weights"))
                .contains("has no place for [aux.weight, aux.bias]");
    }

    @Test
    void twoRecurrentModulesAreRefused() throws Exception {
        Map<String, byte[]> arrays = NpzBytes.entries(FIXTURES.resolve("fashion-row-lstm.npz"));
        arrays.put("other.weight_ih_l0", NpzBytes.zeros(64, 28));
        String detail = refused(
                importNpz(
                        renamed(fixture("fashion-row-lstm").get("manifest"), "two-rnns", m -> {}),
                        NpzBytes.npz(arrays)),
                "weights");
        assertThat(detail)
                .contains("2 module names [lstm., other.]")
                .contains("(\"other.weight_ih_l0\": \"rnn.weight_ih_l1\")");
    }

    @Test
    void aDeclaredFieldThatContradictsTheWeightsIsRefusedWithBothValues() throws Exception {
        JsonNode manifest = fixture("fashion-row-lstm").get("manifest");
        String hidden = renamed(manifest, "hidden-128", m -> architecture(m).put("hiddenSize", 128));
        assertThat(refused(importNpz(hidden, npz("fashion-row-lstm")), "manifest.architecture.hiddenSize"))
                .contains("hiddenSize is 128 but the weights make it 16 (lstm.weight_hh_l0 is (64, 16))");
        String cell = renamed(manifest, "cell-gru", m -> architecture(m).put("cell", "gru"));
        assertThat(refused(importNpz(cell, npz("fashion-row-lstm")), "manifest.architecture.cell"))
                .contains("cell is gru but the weights are a lstm");
        String layers = renamed(manifest, "layers-3", m -> architecture(m).put("layers", 3));
        assertThat(refused(importNpz(layers, npz("fashion-row-lstm")), "manifest.architecture.layers"))
                .contains("layers is 3 but the weights make it 1");
        String bidirectional = renamed(manifest, "bi", m -> architecture(m).put("bidirectional", true));
        assertThat(refused(importNpz(bidirectional, npz("fashion-row-lstm")), "manifest.architecture.bidirectional"))
                .contains("no _reverse array");
    }

    @Test
    void labelsOtherThanTheHeadsRowsAreRefused() throws Exception {
        String nine = renamed(
                fixture("fashion-row-lstm").get("manifest"),
                "nine-labels",
                m -> ((ArrayNode) m.get("labels")).remove(9));
        assertThat(refused(importNpz(nine, npz("fashion-row-lstm")), "manifest.labels"))
                .contains("names 9 labels but the head has 10 rows (fc.weight is (10, 16))");
    }

    @Test
    void aVocabularyOtherThanTheEmbeddingsRowsIsRefused() throws Exception {
        String shorter = renamed(
                fixture("text-bigru-out-last").get("manifest"),
                "short-vocabulary",
                m -> ((ArrayNode) m.get("input").get("vocabulary")).remove(27));
        assertThat(refused(importNpz(shorter, npz("text-bigru-out-last")), "manifest.input.vocabulary"))
                .contains("27 tokens")
                .contains("28");
    }

    @Test
    void aMissingSummaryIsRefusedSayingWhatEachValueMeans() throws Exception {
        JsonNode manifest = fixture("fashion-row-lstm").get("manifest");
        for (String json : new String[] {
            renamed(manifest, "no-summary", m -> m.putObject("architecture")),
            renamed(manifest, "no-architecture", m -> m.remove("architecture"))
        }) {
            assertThat(refused(importNpz(json, npz("fashion-row-lstm")), "manifest.architecture.summary"))
                    .contains("summary is required with .npz weights")
                    .contains("\"last-output\" for out[:, -1]")
                    .contains("h_n[-1]");
        }
    }

    @Test
    void parameterNamesThatStartNoArrayAreRefused() throws Exception {
        String typo = renamed(
                fixture("fashion-row-lstm").get("manifest"),
                "typo",
                m -> m.putObject("parameterNames").put("lstn.", "rnn."));
        assertThat(refused(importNpz(typo, npz("fashion-row-lstm")), "manifest.parameterNames"))
                .contains("'lstn.', which starts no array's name");
        String nullTarget = renamed(
                fixture("fashion-row-lstm").get("manifest"),
                "null-target",
                m -> m.putObject("parameterNames").putNull("lstm."));
        assertThat(refused(importNpz(nullTarget, npz("fashion-row-lstm")), "manifest.parameterNames"))
                .contains("'lstm.' maps to null");
    }

    @Test
    void nullForANumberIsAbsentWhereTheWeightsTellAndRefusedInPlainWordsElsewhere() throws Exception {
        JsonNode manifest = fixture("fashion-row-lstm").get("manifest");
        String absent = renamed(
                manifest,
                "null-hidden",
                m -> architecture(m)
                        .putNull("hiddenSize")
                        .putNull("vocabularySize")
                        .putNull("dropout"));
        HttpResponse<String> response = importNpz(absent, npz("fashion-row-lstm"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String epoch = renamed(
                manifest,
                "null-epoch",
                m -> m.putObject("training").putArray("history").addObject().putNull("epoch"));
        assertThat(refused(importNpz(epoch, npz("fashion-row-lstm")), "manifest.training.history[0].epoch"))
                .contains("manifest.training.history[0].epoch is missing, null or of the wrong type");
        String rows = renamed(manifest, "null-rows", m -> ((ObjectNode) m.get("input")).putNull("rows"));
        refused(importNpz(rows, npz("fashion-row-lstm")), "manifest.input");
        String word = renamed(manifest, "word-layers", m -> architecture(m).put("layers", "two"));
        refused(importNpz(word, npz("fashion-row-lstm")), "manifest.architecture.layers");
    }

    @Test
    void aTorchScriptModuleShowsAnArchitectureCompletedFromInputAndLabels() throws Exception {
        String manifest = "{\"name\": \"scripted-shown\", \"input\": {\"kind\": \"image-rows\", \"rows\": 28,"
                + " \"columns\": 28}, \"labels\": [\"a\", \"b\", \"c\", \"d\", \"e\"], \"architecture\": {%s}}";
        String shown = "\"cell\": \"gru\", \"layers\": 1, \"hiddenSize\": 16, \"bidirectional\": false,"
                + " \"summary\": \"last\"";
        HttpResponse<String> response = importModel(manifest.formatted(shown), "torchscript", SCRIPTED_ROWS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode architecture = card("scripted-shown").get("architecture");
        assertThat(architecture.get("classes").asInt()).isEqualTo(5);
        assertThat(architecture.get("inputSize").asInt()).isEqualTo(28);
        assertThat(architecture.get("vocabularySize").asInt()).isZero();
        String noCell = manifest.formatted(shown.replace("\"cell\": \"gru\", ", ""))
                .replace("scripted-shown", "scripted-no-cell");
        assertThat(refused(importModel(noCell, "torchscript", SCRIPTED_ROWS), "manifest.architecture.cell"))
                .contains("manifest.architecture.cell is required with a TorchScript module's architecture");
    }

    private void assertClassifiesAsPyTorch(String name, JsonNode expected) throws Exception {
        JsonNode manifest = expected.get("manifest");
        boolean text = manifest.get("input").get("kind").asString().equals("text");
        ObjectNode request = JSON.createObjectNode().put("model", name);
        request.set(text ? "texts" : "images", expected.get("inputs"));
        HttpResponse<String> classified = send(HttpRequest.newBuilder(uri("/classify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(classified.body()).get("results");
        JsonNode labels = manifest.get("labels");
        JsonNode probabilities = expected.get("probabilities");
        assertThat(results.size()).isEqualTo(probabilities.size());
        for (int i = 0; i < results.size(); i++) {
            for (JsonNode prediction : results.get(i).get("predictions")) {
                int label = indexOf(labels, prediction.get("label").asString());
                assertThat(prediction.get("probability").asDouble())
                        .as("input %d, label %s", i, prediction.get("label"))
                        .isCloseTo(probabilities.get(i).get(label).asDouble(), within(1e-5));
            }
            assertThat(results.get(i).get("predictions").size()).isEqualTo(labels.size());
        }
    }

    private static int indexOf(JsonNode labels, String label) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).asString().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("unknown label " + label);
    }

    /** The problem's detail, after checking status, field and that nothing was written. */
    private String refused(HttpResponse<String> response, String field) {
        JsonNode problem = assertProblem(response, 400, field);
        try (var left = Files.list(models)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".import-"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return problem.path("detail").asString();
    }

    private JsonNode card(String name) throws Exception {
        return JSON.readTree(
                send(HttpRequest.newBuilder(uri("/models/" + name)).GET()).body());
    }

    private static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(FIXTURES.resolve(name + ".json").toFile());
    }

    private static byte[] npz(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name + ".npz"));
    }

    private static String renamed(JsonNode manifest, String name, Consumer<ObjectNode> change) {
        ObjectNode copy = (ObjectNode) manifest.deepCopy();
        copy.put("name", name);
        change.accept(copy);
        return copy.toString();
    }

    private static ObjectNode architecture(ObjectNode manifest) {
        return (ObjectNode) manifest.get("architecture");
    }

    private HttpResponse<String> importNpz(String manifest, byte[] npz) throws Exception {
        return importModel(manifest, "weights", npz);
    }

    private HttpResponse<String> importModel(String manifest, String part, Path file) throws Exception {
        return importModel(manifest, part, Files.readAllBytes(file));
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
}
