package io.github.rnnserving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.data.DatasetPresets;
import io.github.rnnserving.data.IdxReader;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.training.ModelOptions;
import io.github.rnnserving.training.OptimizerKind;
import io.github.rnnserving.training.TrainingListener;
import io.github.rnnserving.training.TrainingPipeline;
import io.github.rnnserving.training.TrainingRequest;
import io.github.rnnserving.training.TrainingSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service on the real engine, serving a text model and an image model trained here on small
 * real subsets.
 *
 * <p>Long on purpose: every case shares the two models trained once at start, which is the slow
 * part; split classes would each train them again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServingEndToEndTest {

    private static final String TOKEN = "end-to-end-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path models;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void sharedData() {
        SharedFiles.requireData("names");
        SharedFiles.requireData("mnist");
        SharedFiles.requireGolden();
    }

    @DynamicPropertySource
    static void trainModels(DynamicPropertyRegistry registry) throws IOException {
        models = Files.createTempDirectory("rnn-e2e-models");
        ModelOptions options = ModelOptions.builder()
                .cell(CellType.GRU)
                .hiddenSize(32)
                .bidirectional(true)
                .embeddingSize(16)
                .lowerCase(false)
                .maxVocabulary(500)
                .maxLength(40)
                .build();
        TrainingSettings quick = TrainingSettings.builder()
                .epochs(2)
                .batchSize(32)
                .optimizer(OptimizerKind.ADAM)
                .learningRate(0.01f)
                .seed(3)
                .build();
        TrainingPipeline pipeline = new TrainingPipeline();
        pipeline.run(
                new TrainingRequest(
                        "names", DatasetPresets.preset("names", SharedFiles.data(), 1, 0.1, 0.1, 1500), options, quick),
                models,
                null,
                TrainingListener.NONE,
                () -> false);
        pipeline.run(
                new TrainingRequest(
                        "mnist", DatasetPresets.preset("mnist", SharedFiles.data(), 1, 0.1, 0, 1500), options, quick),
                models,
                null,
                TrainingListener.NONE,
                () -> false);
        // a second version of names, so promotion has somewhere to go
        copyAsVersion(models.resolve("names/1"), models.resolve("names/2"));
        Files.writeString(models.resolve("names/serving-version"), "1\n");
        registry.add("rnn.models-dir", models::toString);
        Path state = Files.createTempDirectory("rnn-e2e-state");
        registry.add("rnn.state-dir", state::toString);
        registry.add("rnn.security.admin-token", () -> TOKEN);
    }

    @AfterAll
    static void removeModels() throws IOException {
        if (models == null) {
            return; // skipped before anything was trained
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(models)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void classifiesTextsAloneAndInBatchesAlike() throws Exception {
        JsonNode one = post("/classify", "{\"model\":\"names\",\"text\":\"Nakamura\"}", 200);
        assertThat(one.get("model").asString()).isEqualTo("names");
        assertThat(one.get("version").asString()).isIn("1", "2");
        assertProbabilities(one.get("predictions"), 18);

        JsonNode batch = post(
                "/classify", "{\"model\":\"names\",\"texts\":[\"Schmidt\",\"Nakamura\",\"O'Brien\"],\"topK\":3}", 200);
        assertThat(batch.get("results")).hasSize(3);
        JsonNode second = batch.get("results").get(1).get("predictions");
        assertThat(second).hasSize(3);
        assertThat(second.get(0).get("label").asString())
                .isEqualTo(one.get("predictions").get(0).get("label").asString());
        assertThat(second.get(0).get("probability").asDouble())
                .isCloseTo(
                        one.get("predictions").get(0).get("probability").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void explainShowsTheAnswerAfterEachCharacter() throws Exception {
        JsonNode answer = post("/classify", "{\"model\":\"names\",\"text\":\"Nakamura\",\"explain\":true}", 200);
        JsonNode steps = answer.get("steps");
        assertThat(steps).hasSize(8);
        assertThat(steps.get(0).get("token").asString()).isEqualTo("N");
        assertThat(steps.get(7).get("label").asString())
                .isEqualTo(answer.get("predictions").get(0).get("label").asString());
        assertThat(steps.get(7).get("probability").asDouble())
                .isCloseTo(
                        answer.get("predictions").get(0).get("probability").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-5));
        assertThat(answer.get("stepsExplained").asString()).contains("bidirectional");
    }

    @Test
    void classifiesRealDigitsAsRowsAndAsPng() throws Exception {
        List<ImageExample> digits = IdxReader.testSet(SharedFiles.data().resolve("mnist"), IdxReader.MNIST_LABELS)
                .withLimit(20)
                .read();
        int correct = 0;
        for (ImageExample digit : digits) {
            ObjectNode request = JSON.createObjectNode().put("model", "mnist");
            request.set("image", JSON.valueToTree(rows(digit)));
            JsonNode answer = post("/classify", request.toString(), 200);
            assertProbabilities(answer.get("predictions"), 10);
            String label = answer.get("predictions").get(0).get("label").asString();
            if (label.equals(digit.label())) {
                correct++;
            }
            ObjectNode png = JSON.createObjectNode()
                    .put("model", "mnist")
                    .put("imageBase64", png(digit, 4))
                    .put("polarity", "light-on-dark");
            JsonNode fromPng = post("/classify", png.toString(), 200);
            assertProbabilities(fromPng.get("predictions"), 10);
        }
        assertThat(correct).as("digits right out of 20").isGreaterThanOrEqualTo(12);
    }

    @Test
    void promotionUnderLoadFailsNoRequest() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            results.add(clients.submit(() -> {
                int done = 0;
                while (running.get()) {
                    JsonNode answer = post("/classify", "{\"model\":\"names\",\"texts\":[\"Rossi\",\"Novak\"]}", 200);
                    versionsSeen.add(answer.get("version").asString());
                    done++;
                }
                return done;
            }));
        }
        for (int round = 0; round < 6; round++) {
            String version = round % 2 == 0 ? "2" : "1";
            JsonNode promoted = send(
                    HttpRequest.newBuilder(uri("/models/names/versions/" + version + "/promote"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody()),
                    200);
            assertThat(promoted.get("servingVersion").asString()).isEqualTo(version);
            // a pause, not a poll: the clients keep classifying between two promotions
            Thread.sleep(150);
        }
        running.set(false);
        int requests = 0;
        for (Future<Integer> result : results) {
            requests += result.get();
        }
        clients.shutdown();
        assertThat(requests).isGreaterThan(10);
        assertThat(versionsSeen).contains("1", "2");
        assertThat(get("/models/names").get("servingVersion").asString()).isEqualTo("1");
    }

    @Test
    void mutatingEndpointsNeedTheToken() throws Exception {
        JsonNode refused = send(
                HttpRequest.newBuilder(uri("/models/names/versions/1/promote"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                401);
        assertThat(refused.get("status").asInt()).isEqualTo(401);
    }

    @Test
    void healthMetricsAndApiDocsAnswer() throws Exception {
        assertThat(get("/actuator/health/readiness").get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness").get("status").asString()).isEqualTo("UP");
        post("/classify", "{\"model\":\"names\",\"text\":\"Dubois\"}", 200);
        post("/classify", "{\"model\":\"nope\",\"text\":\"Dubois\"}", 404);
        String metrics = http.send(
                        HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics).contains("rnn_classify_seconds_count{model=\"names\",outcome=\"success\"");
        assertThat(metrics).contains("rnn_classify_seconds_count{model=\"unknown\",outcome=\"error\"");
        assertThat(metrics).contains("rnn_classify_seconds_bucket");
        JsonNode docs = get("/v3/api-docs");
        assertThat(docs.get("paths").has("/classify")).isTrue();
        assertThat(docs.get("paths").has("/models/{name}/versions/{version}/promote"))
                .isTrue();
        assertThat(http.send(
                                HttpRequest.newBuilder(uri("/swagger-ui/index.html"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyRequestExampleInTheApiDocsWorksAndEveryErrorIsDocumented() throws Exception {
        JsonNode classify = get("/v3/api-docs").get("paths").get("/classify").get("post");
        JsonNode examples = classify.get("requestBody")
                .get("content")
                .get("application/json")
                .get("examples");
        List<String> names = new ArrayList<>();
        examples.propertyNames().forEach(names::add);
        assertThat(names).containsExactlyInAnyOrder("text", "texts", "explain", "image", "images", "imageBase64");
        for (String name : names) {
            JsonNode value = examples.get(name).get("value");
            String body = value.isString() ? value.asString() : value.toString();
            JsonNode answer = post("/classify", body, 200);
            assertThat(answer.has("predictions") || answer.has("results"))
                    .as(name)
                    .isTrue();
        }
        List<String> statuses = new ArrayList<>();
        classify.get("responses").propertyNames().forEach(statuses::add);
        assertThat(statuses).contains("200", "400", "404", "413", "415", "503");
        for (String status : statuses) {
            JsonNode content = classify.get("responses").get(status).get("content");
            assertThat(content.findValue("examples") != null || content.findValue("example") != null)
                    .as("example for " + status + ": " + content)
                    .isTrue();
        }
        JsonNode delete = get("/v3/api-docs")
                .get("paths")
                .get("/models/{name}/versions/{version}")
                .get("delete");
        List<String> deleteStatuses = new ArrayList<>();
        delete.get("responses").propertyNames().forEach(deleteStatuses::add);
        assertThat(deleteStatuses).contains("204", "401", "404", "409");
        assertThat(delete.get("security").toString()).contains("admin-token");
    }

    @Test
    void importedPyTorchWeightsAnswerWithPyTorchsSoftmax() throws Exception {
        JsonNode golden = JSON.readTree(
                SharedFiles.golden().resolve("text-gru-l1-bi.json").toFile());
        ObjectNode manifest = goldenTextManifest("golden-gru");
        manifest.set(
                "architecture",
                JSON.valueToTree(java.util.Map.of(
                        "inputKind",
                        "text",
                        "cell",
                        "gru",
                        "layers",
                        1,
                        "hiddenSize",
                        16,
                        "bidirectional",
                        true,
                        "dropout",
                        0,
                        "summary",
                        "last",
                        "inputSize",
                        8,
                        "vocabularySize",
                        30,
                        "classes",
                        5)));
        byte[] weights = Files.readAllBytes(SharedFiles.golden().resolve("text-gru-l1-bi.npz"));

        String boundary = "golden-boundary";
        byte[] body =
                multipart(boundary, manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), weights);
        JsonNode created = send(
                HttpRequest.newBuilder(uri("/models"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                201);
        assertThat(created.get("version").asString()).isEqualTo("1");

        assertAnswersLikePyTorch(
                "golden-gru",
                golden.get("input"),
                golden.get("lengths"),
                golden.get("expected").get("logits"));
    }

    @Test
    void importedTorchScriptModuleAnswersWithPyTorchsSoftmax() throws Exception {
        // the golden bidirectional LSTM scripted in Python (src/test/resources/torchscript)
        JsonNode fixture = JSON.readTree(getClass().getResourceAsStream("/torchscript/text-lstm-l1-bi.json"));
        ObjectNode manifest = goldenTextManifest("scripted-lstm");
        byte[] module = getClass()
                .getResourceAsStream("/torchscript/text-lstm-l1-bi.pt")
                .readAllBytes();

        String boundary = "torchscript-boundary";
        byte[] body = multipart(
                boundary,
                manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "torchscript",
                "text-lstm-l1-bi.pt",
                module);
        JsonNode created = send(
                HttpRequest.newBuilder(uri("/models"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                201);
        assertThat(created.get("format").asString()).isEqualTo("torchscript");

        assertAnswersLikePyTorch("scripted-lstm", fixture.get("input"), fixture.get("lengths"), fixture.get("logits"));
        ObjectNode explain = JSON.createObjectNode()
                .put("model", "scripted-lstm")
                .put("text", "abc")
                .put("explain", true);
        JsonNode explained = post("/classify", explain.toString(), 200);
        assertThat(explained.get("steps")).hasSize(3);
    }

    private static final String GOLDEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzAB";

    /** The golden text models' 30 ids: padding, unknown, then one character each. */
    private static ObjectNode goldenTextManifest(String name) {
        List<String> vocabulary = new ArrayList<>(List.of("<pad>", "<unk>"));
        GOLDEN_ALPHABET.chars().forEach(c -> vocabulary.add(Character.toString(c)));
        ObjectNode manifest = JSON.createObjectNode().put("name", name);
        manifest.set(
                "input",
                JSON.valueToTree(java.util.Map.of(
                        "kind",
                        "text",
                        "tokens",
                        "CHARACTERS",
                        "normalization",
                        "NFKC",
                        "lowerCase",
                        false,
                        "maxLength",
                        100,
                        "vocabulary",
                        vocabulary)));
        manifest.set("labels", JSON.valueToTree(List.of("a", "b", "c", "d", "e")));
        return manifest;
    }

    /** Turns golden token ids back into text, sends it and compares with PyTorch's softmax. */
    private void assertAnswersLikePyTorch(String model, JsonNode ids, JsonNode lengths, JsonNode logits)
            throws Exception {
        List<String> texts = new ArrayList<>();
        for (int row = 0; row < ids.size(); row++) {
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < lengths.get(row).asInt(); t++) {
                int id = ids.get(row).get(t).asInt();
                text.append(id == 1 ? "#" : GOLDEN_ALPHABET.substring(id - 2, id - 1));
            }
            texts.add(text.toString());
        }
        ObjectNode request = JSON.createObjectNode().put("model", model);
        request.set("texts", JSON.valueToTree(texts));
        JsonNode answer = post("/classify", request.toString(), 200);
        for (int row = 0; row < texts.size(); row++) {
            double[] expected = softmax(logits.get(row));
            JsonNode predictions = answer.get("results").get(row).get("predictions");
            assertThat(predictions).hasSize(5);
            for (JsonNode prediction : predictions) {
                int label = prediction.get("label").asString().charAt(0) - 'a';
                assertThat(prediction.get("probability").asDouble())
                        .isCloseTo(expected[label], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    private static double[] softmax(JsonNode logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode logit : logits) {
            max = Math.max(max, logit.asDouble());
        }
        double[] result = new double[logits.size()];
        double sum = 0;
        for (int i = 0; i < result.length; i++) {
            result[i] = Math.exp(logits.get(i).asDouble() - max);
            sum += result[i];
        }
        for (int i = 0; i < result.length; i++) {
            result[i] /= sum;
        }
        return result;
    }

    private static byte[] multipart(String boundary, byte[] manifest, byte[] weights) throws IOException {
        return multipart(boundary, manifest, "weights", "weights.npz", weights);
    }

    private static byte[] multipart(String boundary, byte[] manifest, String part, String filename, byte[] weights)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"manifest\"; filename=\"model.json\"\r\n"
                        + "Content-Type: application/json\r\n\r\n";
        body.write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(manifest);
        String middle = "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\n" + "Content-Type: application/octet-stream\r\n\r\n";
        body.write(middle.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(weights);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void assertProbabilities(JsonNode predictions, int count) {
        assertThat(predictions).hasSize(count);
        double sum = 0;
        double previous = 1;
        for (JsonNode prediction : predictions) {
            double p = prediction.get("probability").asDouble();
            assertThat(p).isLessThanOrEqualTo(previous + 1e-9);
            previous = p;
            sum += p;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void theOpenInferenceProtocolAnswersAsClassifyDoesOverRealHttp() throws Exception {
        String texts = "[\"Nakamura\",\"Schmidt\",\"O'Brien\"]";
        JsonNode classify = post("/classify", "{\"model\":\"names\",\"texts\":" + texts + ",\"topK\":18}", 200);
        JsonNode v2 = post(
                "/v2/models/names/infer",
                "{\"id\":\"e2e-1\",\"inputs\":[{\"name\":\"text\",\"shape\":[3],\"datatype\":\"BYTES\"," + "\"data\":"
                        + texts + "}]}",
                200);
        assertThat(v2.get("id").asString()).isEqualTo("e2e-1");
        assertThat(v2.get("model_name").asString()).isEqualTo("names");
        String serving = v2.get("model_version").asString();
        assertThat(serving).isEqualTo(classify.get("version").asString());

        List<String> labels = new ArrayList<>();
        get("/v2/models/names").get("parameters").get("labels").forEach(label -> labels.add(label.asString()));
        JsonNode probabilities = null;
        for (JsonNode output : v2.get("outputs")) {
            if (output.get("name").asString().equals("probabilities")) {
                probabilities = output;
            }
        }
        assertThat(probabilities).isNotNull();
        assertThat(probabilities.get("datatype").asString()).isEqualTo("FP32");
        assertThat(probabilities.get("shape").get(0).asInt()).isEqualTo(3);
        assertThat(probabilities.get("shape").get(1).asInt()).isEqualTo(labels.size());
        for (int i = 0; i < 3; i++) {
            for (JsonNode prediction : classify.get("results").get(i).get("predictions")) {
                int column = labels.indexOf(prediction.get("label").asString());
                assertThat(probabilities
                                .get("data")
                                .get(i * labels.size() + column)
                                .asDouble())
                        .isCloseTo(
                                prediction.get("probability").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
            }
        }

        // a version on disk that does not serve: the protocol's 404, in its own error shape
        String other = serving.equals("1") ? "2" : "1";
        JsonNode notServing = post(
                "/v2/models/names/versions/" + other + "/infer",
                "{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"Nakamura\"]}]}",
                404);
        assertThat(notServing.propertyNames()).containsExactly("error");
        assertThat(get("/v2/health/ready").get("ready").asBoolean()).isTrue();
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                status);
    }

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int status) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int[][] rows(ImageExample image) {
        int[][] rows = new int[image.rows()][image.columns()];
        for (int r = 0; r < image.rows(); r++) {
            for (int c = 0; c < image.columns(); c++) {
                rows[r][c] = image.pixel(r, c);
            }
        }
        return rows;
    }

    private static String png(ImageExample image, int scale) throws IOException {
        BufferedImage picture =
                new BufferedImage(image.columns() * scale, image.rows() * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int v = image.pixel(y / scale, x / scale);
                picture.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", bytes);
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static void copyAsVersion(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("weights.npz"), to.resolve("weights.npz"));
        ObjectNode manifest =
                (ObjectNode) JSON.readTree(from.resolve("model.json").toFile());
        manifest.put("version", to.getFileName().toString());
        JSON.writeValue(to.resolve("model.json").toFile(), manifest);
    }
}
