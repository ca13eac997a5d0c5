package io.github.rnnserving.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.ImageRowsInputSpec;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.model.text.Vocabulary;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.support.ModelUpload;
import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.support.TinyModels;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streaming sessions on the real engine over untrained but real model bundles: every cell, one
 * and two layers, read in random pieces, answer what {@code /classify} answers for the text read
 * so far; state tokens carry a session across; models that need the whole sequence are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionsEndToEndTest {

    static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private static final String TOKEN = "sessions-admin";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LABELS = List.of("a", "b", "c");
    private static Path models;
    private static List<String> names;

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry properties) throws IOException {
        models = Files.createTempDirectory("rnn-session-models");
        names = namesSample();
        TreeSet<Integer> characters = new TreeSet<>();
        names.forEach(name -> name.codePoints().forEach(characters::add));
        List<String> vocabulary = new ArrayList<>(List.of(Vocabulary.PADDING_TOKEN, Vocabulary.UNKNOWN_TOKEN));
        characters.stream().filter(c -> c != ' ').forEach(c -> vocabulary.add(Character.toString(c)));
        vocabulary.add(" ");
        InputSpec chars = TextInputSpec.of(Tokenizer.characters(), Vocabulary.fromTokens(vocabulary), 40);
        for (String model : characterModels()) {
            CellType cell = CellType.of(model.split("-")[1]);
            int layers = Integer.parseInt(model.split("-")[2]);
            Summary summary = layers == 2 && cell == CellType.GRU ? Summary.LAST_OUTPUT : Summary.LAST;
            TinyModels.writeModel(models, model, chars, text(cell, layers, false, summary, vocabulary.size()), LABELS);
        }
        List<String> words = new ArrayList<>(List.of(Vocabulary.PADDING_TOKEN, Vocabulary.UNKNOWN_TOKEN));
        words.addAll(List.of("the", "movie", "is", "a", "great", "bad", "film", "!", "not", "really"));
        InputSpec wordSpec = TextInputSpec.of(
                new Tokenizer(TokenizerKind.WORDS, Normalization.NFKC, true), Vocabulary.fromTokens(words), 30);
        TinyModels.writeModel(
                models, "words-lstm", wordSpec, text(CellType.LSTM, 2, false, Summary.LAST, words.size()), LABELS);
        TinyModels.writeModel(
                models, "names-bi", chars, text(CellType.GRU, 1, true, Summary.LAST, vocabulary.size()), LABELS);
        TinyModels.writeModel(
                models, "names-mean", chars, text(CellType.GRU, 1, false, Summary.MEAN, vocabulary.size()), LABELS);
        Architecture rows = new Architecture(
                InputKind.IMAGE_ROWS, CellType.LSTM, 2, 12, false, 0f, 0f, 0f, Summary.LAST, 28, 0, 10);
        TinyModels.writeModel(models, "rows-lstm", new ImageRowsInputSpec(28, 28), rows, TinyModels.DIGIT_LABELS);
        properties.add("rnn.models-dir", models::toString);
        properties.add(
                "rnn.state-dir",
                () -> models.resolveSibling(models.getFileName() + "-state").toString());
        properties.add("rnn.sessions.key", () -> KEY);
        properties.add("rnn.models-refresh", () -> "1h");
        properties.add("rnn.security.admin-token", () -> TOKEN);
    }

    private static Architecture text(
            CellType cell, int layers, boolean bidirectional, Summary summary, int vocabulary) {
        return new Architecture(
                InputKind.TEXT, cell, layers, 16, bidirectional, 0.2f, 0f, 0f, summary, 8, vocabulary, 3);
    }

    static List<String> characterModels() {
        List<String> list = new ArrayList<>();
        for (String cell : List.of("rnn", "lstm", "gru")) {
            for (int layers = 1; layers <= 2; layers++) {
                list.add("chars-" + cell + "-" + layers);
            }
        }
        return list;
    }

    /** Names of every language, non-Latin letters and spaces included, plus a few made to be hard. */
    private static List<String> namesSample() throws IOException {
        Path folder = SharedFiles.requireData("names");
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                all.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        Random random = new Random(18);
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sample.add(all.get(random.nextInt(all.size())).strip());
        }
        sample.addAll(List.of("Nakamura", "O'Neill", "de la Cruz", "Dvořák", "Nguyễn Văn", "Zhang  Wei ", "Ωμέγα"));
        return sample;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("characterModels")
    void randomPiecesAnswerAsClassifyOnTheTextSoFar(String model) throws Exception {
        Random random = new Random(model.hashCode());
        for (String name : names) {
            List<String> pieces = random.nextInt(4) == 0 ? onePerCharacter(name) : randomPieces(name, random);
            String id = open(model);
            StringBuilder soFar = new StringBuilder();
            int steps = 0;
            for (String piece : pieces) {
                soFar.append(piece);
                JsonNode answer = step(id, "{\"text\": " + quoted(piece) + "}", 200);
                if (soFar.toString().isBlank()) {
                    continue;
                }
                JsonNode whole = post(
                        "/classify", "{\"model\":\"" + model + "\",\"text\":" + quoted(soFar.toString()) + "}", 200);
                assertSameProbabilities(answer.get("predictions"), whole.get("predictions"), model + " " + soFar);
                assertThat(answer.get("steps").asInt()).isGreaterThanOrEqualTo(steps);
                steps = answer.get("steps").asInt();
                assertThat(answer.get("state").asString()).isNotBlank();
            }
            delete(id);
        }
    }

    @Test
    void wordModelsTakePiecesSplitAtSpacesAndRefuseASplitWord() throws Exception {
        String sentence = "the movie is not really a great film !";
        String id = open("words-lstm");
        String[] pieces = {"the movie", " is not", " really a great ", "film !"};
        StringBuilder soFar = new StringBuilder();
        for (String piece : pieces) {
            soFar.append(piece);
            JsonNode answer = step(id, "{\"text\": " + quoted(piece) + "}", 200);
            JsonNode whole =
                    post("/classify", "{\"model\":\"words-lstm\",\"text\":" + quoted(soFar.toString()) + "}", 200);
            assertSameProbabilities(answer.get("predictions"), whole.get("predictions"), soFar.toString());
        }
        assertThat(soFar.toString()).isEqualTo(sentence);
        String other = open("words-lstm");
        step(other, "{\"text\": \"the mo\"}", 200);
        JsonNode refused = step(other, "{\"text\": \"vie\"}", 400);
        assertThat(refused.get("field").asString()).isEqualTo("text");
        assertThat(refused.get("detail").asString()).contains("space");
    }

    @Test
    void imageRowsInPiecesAnswerAsClassifyOnTheWholeImageAndStopAtItsHeight() throws Exception {
        Random random = new Random(28);
        int[][] image = new int[28][28];
        for (int[] row : image) {
            for (int c = 0; c < 28; c++) {
                row[c] = random.nextInt(256);
            }
        }
        String id = open("rows-lstm");
        JsonNode answer = null;
        for (int[] cut : new int[][] {{0, 5}, {5, 6}, {6, 20}, {20, 28}}) {
            ArrayNode rows = JSON.createArrayNode();
            for (int r = cut[0]; r < cut[1]; r++) {
                ArrayNode row = rows.addArray();
                for (int value : image[r]) {
                    row.add(value);
                }
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("rows", rows);
            answer = step(id, body.toString(), 200);
        }
        assertThat(answer.get("steps").asInt()).isEqualTo(28);
        ObjectNode whole = JSON.createObjectNode().put("model", "rows-lstm");
        whole.set("image", JSON.valueToTree(image));
        assertSameProbabilities(
                answer.get("predictions"),
                post("/classify", whole.toString(), 200).get("predictions"),
                "image");

        JsonNode full = step(id, "{\"rows\": [" + JSON.writeValueAsString(image[0]) + "]}", 400);
        assertThat(full.get("field").asString()).isEqualTo("rows");
        assertThat(full.get("detail").asString()).contains("28 of its at most 28 rows");
        String other = open("rows-lstm");
        assertThat(step(other, "{\"rows\": [[1, 2, 3]]}", 400).get("field").asString())
                .isEqualTo("rows[0]");
        assertThat(step(other, "{\"text\": \"seven\"}", 400).get("field").asString())
                .isEqualTo("text");
    }

    @Test
    void aStateTokenGoesOnInANewSessionAndForgedOrForeignTokensAreRefused() throws Exception {
        String id = open("chars-lstm-2");
        step(id, "{\"text\": \"Naka\"}", 200);
        String state = step(id, "{\"text\": \"mu\"}", 200).get("state").asString();
        delete(id);
        assertThat(get("/sessions/" + id, 404).get("type").asString()).isEqualTo("/problems/session-not-found");

        JsonNode resumed = post("/sessions", "{\"model\":\"chars-lstm-2\",\"state\":\"" + state + "\"}", 201);
        assertThat(resumed.get("steps").asInt()).isEqualTo(6);
        JsonNode last = step(resumed.get("id").asString(), "{\"text\": \"ra\"}", 200);
        assertThat(last.get("steps").asInt()).isEqualTo(8);
        JsonNode whole = post("/classify", "{\"model\":\"chars-lstm-2\",\"text\":\"Nakamura\"}", 200);
        assertSameProbabilities(last.get("predictions"), whole.get("predictions"), "resumed");

        char[] tampered = state.toCharArray();
        int middle = tampered.length / 2;
        tampered[middle] = tampered[middle] == 'A' ? 'B' : 'A';
        for (String body : List.of(
                "{\"model\":\"chars-lstm-2\",\"state\":\"" + new String(tampered) + "\"}",
                "{\"model\":\"chars-lstm-2\",\"state\":\"bm90IGEgdG9rZW4\"}",
                "{\"model\":\"chars-gru-2\",\"state\":\"" + state + "\"}",
                "{\"model\":\"chars-lstm-2\",\"version\":\"2\",\"state\":\"" + state + "\"}")) {
            JsonNode refused = post("/sessions", body, 400);
            assertThat(refused.get("field").asString()).as(body).isEqualTo("state");
            assertThat(refused.get("detail").asString())
                    .doesNotContain("Exception")
                    .doesNotContain("javax");
        }
    }

    @Test
    void modelsThatNeedTheWholeSequenceAreRefusedWithTheReason() throws Exception {
        assertThat(post("/sessions", "{\"model\":\"names-bi\"}", 409)
                        .get("detail")
                        .asString())
                .contains("bidirectional")
                .contains("whole sequence");
        assertThat(post("/sessions", "{\"model\":\"names-mean\"}", 409)
                        .get("detail")
                        .asString())
                .contains("mean of its outputs");
        // an imported TorchScript module keeps its state inside its own code
        String manifest = "{\"name\": \"scripted-rows\", \"input\": {\"kind\": \"image-rows\", \"rows\": 28,"
                + " \"columns\": 28}, \"labels\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}";
        HttpResponse<String> imported = send(ModelUpload.request(
                        uri("/models"),
                        TOKEN,
                        manifest,
                        "torchscript",
                        Files.readAllBytes(Path.of("src/test/resources/torchscript/image-rows-gru-l1-uni.pt")))
                .build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(post("/sessions", "{\"model\":\"scripted-rows\"}", 409)
                        .get("detail")
                        .asString())
                .contains("TorchScript");
        // the model card says so before a client tries
        JsonNode card = get("/models/names-bi", 200).get("streaming");
        assertThat(card.get("supported").asBoolean()).isFalse();
        assertThat(card.get("reason").asString()).contains("bidirectional");
        assertThat(get("/models/chars-gru-1", 200)
                        .get("streaming")
                        .get("supported")
                        .asBoolean())
                .isTrue();
        assertThat(post("/sessions", "{\"model\":\"klingon\"}", 404).get("type").asString())
                .isEqualTo("/problems/model-not-found");
        assertThat(post("/sessions", "{}", 400).get("field").asString()).isEqualTo("model");
        assertThat(get("/sessions/nope", 404).get("type").asString()).isEqualTo("/problems/session-not-found");
        assertThat(step("nope", "{\"text\":\"a\"}", 404).get("type").asString())
                .isEqualTo("/problems/session-not-found");
    }

    @Test
    void aSessionStaysOnItsVersionAfterAPromotionAndEndsWhenThatVersionIsDeleted() throws Exception {
        String pinned = open("chars-gru-1");
        JsonNode before = step(pinned, "{\"text\": \"Ab\"}", 200);
        ModelManifest first = registry.servingManifest("chars-gru-1");
        TinyModels.writeModel(models, "chars-gru-1", first.input(), first.architecture(), LABELS, 8);
        registry.promote("chars-gru-1", "2");
        assertThat(get("/sessions/" + pinned, 200).get("version").asString()).isEqualTo("1");
        JsonNode after = step(pinned, "{\"text\": \"e\"}", 200);
        assertThat(after.get("steps").asInt()).isEqualTo(3);
        JsonNode fresh = post("/sessions", "{\"model\":\"chars-gru-1\"}", 201);
        assertThat(fresh.get("version").asString()).isEqualTo("2");
        // the state of version 1 goes on at version 1, though version 2 serves
        JsonNode resumed = post(
                "/sessions",
                "{\"model\":\"chars-gru-1\",\"state\":\"" + before.get("state").asString() + "\"}",
                201);
        assertThat(resumed.get("version").asString()).isEqualTo("1");
        JsonNode sameStep = step(resumed.get("id").asString(), "{\"text\": \"e\"}", 200);
        assertSameProbabilities(sameStep.get("predictions"), after.get("predictions"), "version 1 again");

        registry.delete("chars-gru-1", "1");
        JsonNode gone = step(pinned, "{\"text\": \"l\"}", 409);
        assertThat(gone.get("detail").asString()).contains("deleted");
        get("/sessions/" + pinned, 404);
        assertThat(post(
                                "/sessions",
                                "{\"model\":\"chars-gru-1\",\"state\":\""
                                        + before.get("state").asString() + "\"}",
                                409)
                        .get("detail")
                        .asString())
                .contains("deleted");
        registry.promote("chars-gru-1", "2");
    }

    @Test
    void concurrentStepsOfOneSessionAreReadOneAtATimeOrRefused() throws Exception {
        String id = open("chars-rnn-2");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(pool.submit(() -> send(HttpRequest.newBuilder(uri("/sessions/" + id + "/steps"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"ab\"}"))
                        .build())));
            }
            int read = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).isIn(200, 409);
                if (response.statusCode() == 200) {
                    read += 2;
                }
            }
            assertThat(read).isGreaterThan(0);
            assertThat(get("/sessions/" + id, 200).get("steps").asInt()).isEqualTo(read);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void metricsCountOpenSessionsAndTheirSteps() throws Exception {
        String id = open("chars-gru-2");
        step(id, "{\"text\": \"Rossi\"}", 200);
        assertThat(meters.get("rnn.sessions.active").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("rnn.sessions.steps")
                        .tag("model", "chars-gru-2")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(5);
        delete(id);
        assertThat(meters.get("rnn.sessions.closed")
                        .tag("reason", "deleted")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    // ---- helpers ----

    private static List<String> onePerCharacter(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    private static List<String> randomPieces(String text, Random random) {
        int[] codePoints = text.codePoints().toArray();
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < codePoints.length) {
            int length = 1 + random.nextInt(Math.min(4, codePoints.length - start));
            pieces.add(new String(codePoints, start, length));
            start += length;
        }
        return pieces;
    }

    private static void assertSameProbabilities(JsonNode actual, JsonNode expected, String what) {
        Map<String, Double> byLabel = new HashMap<>();
        expected.forEach(
                p -> byLabel.put(p.get("label").asString(), p.get("probability").asDouble()));
        assertThat(actual.size()).as(what).isEqualTo(expected.size());
        for (JsonNode prediction : actual) {
            double want = byLabel.get(prediction.get("label").asString());
            assertThat(Math.abs(prediction.get("probability").asDouble() - want))
                    .as("%s: %s", what, prediction.get("label").asString())
                    .isLessThan(1e-5);
        }
    }

    private String open(String model) throws Exception {
        return post("/sessions", "{\"model\":\"" + model + "\"}", 201).get("id").asString();
    }

    private JsonNode step(String id, String body, int status) throws Exception {
        return post("/sessions/" + id + "/steps", body, status);
    }

    private void delete(String id) throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/sessions/" + id)).DELETE().build());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.statusCode())
                .as(path + " " + body + " → " + response.body())
                .isEqualTo(status);
        if (status == 201) {
            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).startsWith("/sessions/"));
        }
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri(path)).GET().build());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }
}
