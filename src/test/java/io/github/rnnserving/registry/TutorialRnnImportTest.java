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
import java.util.ArrayList;
import java.util.List;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model of PyTorch's character-RNN tutorial imported through the real endpoint with the manifest
 * of docs/examples (no hidden size, no classes: the weights and labels give them), then served as
 * any model is: names batched together with padding, one at a time, and explained letter by letter,
 * each against PyTorch run as the tutorial runs it (src/test/resources/tutorial). Manifests the
 * tutorial's network cannot read are 400s naming their field.
 *
 * <p>One piece although over 300 lines: every case shares one running service and one import.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TutorialRnnImportTest {

    private static final String TOKEN = "tutorial-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path FIXTURE = Path.of("src/test/resources/tutorial");
    private static final Path NPZ = FIXTURE.resolve("tutorial-rnn.npz");
    private static final Path MANIFEST = Path.of("docs/examples/tutorial-rnn.model.json");
    private static final double PROBABILITY_TOLERANCE = 1e-5;
    private static Path models;
    private static boolean imported;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        models = Files.createTempDirectory("rnn-tutorial-models");
        Path state = Files.createTempDirectory("rnn-tutorial-state");
        registry.add("rnn.models-dir", models::toString);
        registry.add("rnn.state-dir", state::toString);
        registry.add("rnn.security.admin-token", () -> TOKEN);
    }

    @Test
    void theBundleRecordsWhatTheWeightsAndLabelsSaid() throws Exception {
        importOnce();
        JsonNode written =
                JSON.readTree(models.resolve("tutorial-rnn/1/model.json").toFile());
        JsonNode architecture = written.get("architecture");
        assertThat(architecture.get("cell").asString()).isEqualTo("tutorial-rnn");
        assertThat(architecture.get("hiddenSize").asInt()).isEqualTo(32);
        assertThat(architecture.get("classes").asInt()).isEqualTo(18);
        assertThat(architecture.get("inputSize").asInt()).isEqualTo(57);
        assertThat(written.get("input").get("tokens").asString()).isEqualTo("TUTORIAL_LETTERS");
        assertThat(written.get("input").get("normalization").asString()).isEqualTo("NFD");
        assertThat(written.get("input").get("vocabulary")).hasSize(59);
    }

    @Test
    void namesBatchedTogetherAnswerAsPyTorch() throws Exception {
        importOnce();
        List<JsonNode> cases = cases();
        ArrayNode texts = JSON.createArrayNode();
        cases.forEach(c -> texts.add(c.get("text").asString()));
        ObjectNode request = JSON.createObjectNode().put("model", "tutorial-rnn");
        request.set("texts", texts);
        JsonNode results = classify(request).get("results");
        assertThat(results).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertMatches(cases.get(i), results.get(i).get("predictions"));
        }
    }

    @Test
    void eachNameAloneAnswersAsPyTorch() throws Exception {
        importOnce();
        for (JsonNode c : cases()) {
            ObjectNode request = JSON.createObjectNode()
                    .put("model", "tutorial-rnn")
                    .put("text", c.get("text").asString());
            assertMatches(c, classify(request).get("predictions"));
        }
    }

    @Test
    void explainShowsPyTorchsOutputAfterEachLetter() throws Exception {
        importOnce();
        List<String> labels = labels();
        int explained = 0;
        for (JsonNode c : cases()) {
            if (!c.has("steps")) {
                continue;
            }
            explained++;
            ObjectNode request = JSON.createObjectNode()
                    .put("model", "tutorial-rnn")
                    .put("text", c.get("text").asString())
                    .put("explain", true);
            JsonNode steps = classify(request).get("steps");
            String letters = c.get("letters").asString();
            assertThat(steps).hasSize(letters.length());
            for (int t = 0; t < letters.length(); t++) {
                JsonNode expected = c.get("steps").get(t);
                int top = 0;
                for (int k = 1; k < expected.size(); k++) {
                    top = expected.get(k).asDouble() > expected.get(top).asDouble() ? k : top;
                }
                JsonNode step = steps.get(t);
                assertThat(step.get("token").asString()).isEqualTo(String.valueOf(letters.charAt(t)));
                assertThat(step.get("label").asString())
                        .as("%s step %d", letters, t)
                        .isEqualTo(labels.get(top));
                assertThat(step.get("probability").asDouble())
                        .as("%s step %d", letters, t)
                        .isCloseTo(Math.exp(expected.get(top).asDouble()), within(PROBABILITY_TOLERANCE));
            }
        }
        assertThat(explained).isEqualTo(3);
    }

    @Test
    void aTextWithoutATutorialLetterIs400NamingIt() throws Exception {
        importOnce();
        ObjectNode request =
                JSON.createObjectNode().put("model", "tutorial-rnn").put("text", "李小龍 2");
        // the space is a letter of the tutorial's
        assertThat(classify(request).get("predictions")).hasSize(18);
        request.put("text", "李小龍");
        JsonNode problem = assertProblem(send(post("/classify", request.toString())), 400, "text");
        assertThat(problem.get("detail").asString()).contains("nothing the model can read");
    }

    static Stream<Arguments> unreadableManifests() {
        return Stream.of(
                refused(
                        "manifest.architecture.layers",
                        "layers must be 1",
                        m -> architecture(m).put("layers", 2)),
                refused(
                        "manifest.architecture.bidirectional",
                        "bidirectional must be false",
                        m -> architecture(m).put("bidirectional", true)),
                refused(
                        "manifest.architecture.inputSize",
                        "without an embedding",
                        m -> architecture(m).put("inputSize", 64)),
                refused(
                        "manifest.architecture.summary",
                        "summary must be last",
                        m -> architecture(m).put("summary", "mean")),
                refused(
                        "manifest.architecture.hiddenSize",
                        "has 32 hidden units",
                        m -> architecture(m).put("hiddenSize", 16)),
                refused("manifest.labels", "answers 18", m -> ((ArrayNode) m.get("labels")).remove(17)),
                refused(
                        "manifest.input.tokens",
                        "must be TUTORIAL_LETTERS",
                        m -> input(m).put("tokens", "CHARACTERS")
                                .put("normalization", "NFD")
                                .set("vocabulary", tutorialVocabulary())),
                refused("manifest.input.normalization", "must be NFD", m -> input(m).put("normalization", "NFKC")),
                refused("manifest.input.lowerCase", "must be false", m -> input(m).put("lowerCase", true)),
                refused("manifest.input.vocabulary", "tutorial's 57 letters", m -> {
                    ArrayNode vocabulary = tutorialVocabulary();
                    vocabulary.set(2, "z");
                    vocabulary.set(27, "a");
                    input(m).set("vocabulary", vocabulary);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableManifests")
    void aManifestTheTutorialsNetworkCannotReadIs400NamingTheField(
            String field, String detail, Consumer<ObjectNode> change) throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(MANIFEST.toFile());
        manifest.put("name", "refused");
        change.accept(manifest);
        JsonNode problem = assertProblem(importNpz(manifest.toString(), Files.readAllBytes(NPZ)), 400, field);
        assertThat(problem.get("detail").asString()).contains(detail);
        assertThat(models.resolve("refused")).doesNotExist();
    }

    @Test
    void weightsThatAreNotTheTutorialsAre400NamingThem() throws Exception {
        Map<String, byte[]> arrays = NpzBytes.entries(NPZ);
        arrays.put("embedding.weight", NpzBytes.zeros(59, 8));
        assertThat(assertProblem(importNpz(named("extra"), NpzBytes.npz(arrays)), 400, "weights")
                        .get("detail")
                        .asString())
                .contains("embedding.weight");
        arrays.remove("embedding.weight");
        arrays.remove("i2h.weight");
        assertThat(assertProblem(importNpz(named("missing"), NpzBytes.npz(arrays)), 400, "weights")
                        .get("detail")
                        .asString())
                .contains("no i2h.weight");
        arrays = NpzBytes.entries(NPZ);
        arrays.put("i2h.weight", NpzBytes.zeros(32, 64));
        assertThat(assertProblem(importNpz(named("narrow"), NpzBytes.npz(arrays)), 400, "weights")
                        .get("detail")
                        .asString())
                .contains("i2h.weight has shape (32, 64)");
    }

    private static Arguments refused(String field, String detail, Consumer<ObjectNode> change) {
        return Arguments.of(field, detail, change);
    }

    private static ObjectNode architecture(ObjectNode manifest) {
        return (ObjectNode) manifest.get("architecture");
    }

    private static ObjectNode input(ObjectNode manifest) {
        return (ObjectNode) manifest.get("input");
    }

    private static ArrayNode tutorialVocabulary() {
        ArrayNode vocabulary = JSON.createArrayNode().add("<pad>").add("<unk>");
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;'"
                .chars()
                .forEach(c -> vocabulary.add(String.valueOf((char) c)));
        return vocabulary;
    }

    private static String named(String name) throws IOException {
        return ((ObjectNode) JSON.readTree(MANIFEST.toFile())).put("name", name).toString();
    }

    /** Every label's probability against the exponent of PyTorch's log-probability. */
    private static void assertMatches(JsonNode expected, JsonNode predictions) {
        List<String> labels = labels();
        assertThat(predictions).hasSize(labels.size());
        for (JsonNode prediction : predictions) {
            int k = labels.indexOf(prediction.get("label").asString());
            assertThat(prediction.get("probability").asDouble())
                    .as(
                            "%s, %s",
                            expected.get("text").asString(),
                            prediction.get("label").asString())
                    .isCloseTo(
                            Math.exp(expected.get("logProbabilities").get(k).asDouble()),
                            within(PROBABILITY_TOLERANCE));
        }
    }

    private synchronized void importOnce() throws Exception {
        if (!imported) {
            HttpResponse<String> response = importNpz(Files.readString(MANIFEST), Files.readAllBytes(NPZ));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            imported = true;
        }
    }

    private static List<JsonNode> cases() {
        List<JsonNode> cases = new ArrayList<>();
        fixture().get("cases").forEach(cases::add);
        return cases;
    }

    private static List<String> labels() {
        List<String> labels = new ArrayList<>();
        fixture().get("labels").forEach(label -> labels.add(label.asString()));
        return labels;
    }

    private static JsonNode fixture() {
        return JSON.readTree(FIXTURE.resolve("tutorial-rnn.json").toFile());
    }

    private JsonNode classify(ObjectNode request) throws Exception {
        HttpResponse<String> response = send(post("/classify", request.toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> importNpz(String manifest, byte[] npz) throws Exception {
        return send(ModelUpload.request(uri("/models"), TOKEN, manifest, "weights", npz));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
