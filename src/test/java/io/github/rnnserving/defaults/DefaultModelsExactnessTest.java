package io.github.rnnserving.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.model.CpuFeatures;
import io.github.rnnserving.model.ModelBundles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Each committed default model, served by the real service over HTTP, gives the probabilities that
 * {@link DefaultModelFixtures} computed in float64 for 20 fixed inputs, within 1e-4: all 20 in one
 * request and each alone. A CPU whose kernels compute differently fails here, where an accuracy
 * check a point wide would let the drift through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefaultModelsExactnessTest {

    private static final double TOLERANCE = 1e-4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void committedModels(DynamicPropertyRegistry registry) throws IOException {
        registry.add("rnn.models-dir", () -> Path.of("models").toAbsolutePath().toString());
        Path state = Files.createTempDirectory("rnn-exactness-state");
        registry.add("rnn.state-dir", state::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"mnist", "fashion-mnist", "names", "sentiment-en", "sentiment-zh", "names-stream", "mnist-stream"
            })
    void servesTheReferenceProbabilities(String model) throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/default-model-probabilities/" + model + ".json")) {
            fixture = JSON.readTree(in);
        }
        String version = fixture.get("version").asString();
        assertThat(new ModelBundles()
                        .readManifest(Path.of("models", model, version))
                        .weights()
                        .sha256())
                .as("%s/%s was retrained: run scripts/default-model-fixtures.sh", model, version)
                .isEqualTo(fixture.get("weightsSha256").asString());
        List<JsonNode> inputs = inputs(model, fixture);
        JsonNode expected = fixture.get("probabilities");
        List<String> labels = new ArrayList<>();
        fixture.get("labels").forEach(label -> labels.add(label.asString()));

        ObjectNode batch = JSON.createObjectNode().put("model", model);
        ArrayNode all = batch.putArray(fixture.has("texts") ? "texts" : "images");
        inputs.forEach(all::add);
        JsonNode results = classify(batch).get("results");
        assertThat(results.size()).isEqualTo(inputs.size());
        double worst = 0;
        for (int i = 0; i < inputs.size(); i++) {
            worst = Math.max(
                    worst,
                    check(
                            model,
                            "in a batch of 20, input " + i,
                            results.get(i).get("predictions"),
                            expected.get(i),
                            labels));
            ObjectNode single = JSON.createObjectNode().put("model", model);
            single.set(fixture.has("texts") ? "text" : "image", inputs.get(i));
            worst = Math.max(
                    worst,
                    check(model, "alone, input " + i, classify(single).get("predictions"), expected.get(i), labels));
        }
        System.out.printf(
                "%s/%s: largest difference from the float64 reference %.2e on %s%n",
                model, version, worst, CpuFeatures.vectorExtensions());
    }

    /**
     * The streaming defaults read in pieces through sessions (texts in random cuts, images 1, 6, 7
     * and 14 rows at a time) end with the reference probabilities of the whole input.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"names-stream", "mnist-stream"})
    void sessionsReadingInPiecesEndWithTheReferenceProbabilities(String model) throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/default-model-probabilities/" + model + ".json")) {
            fixture = JSON.readTree(in);
        }
        List<String> labels = new ArrayList<>();
        fixture.get("labels").forEach(label -> labels.add(label.asString()));
        List<JsonNode> inputs = inputs(model, fixture);
        java.util.Random random = new java.util.Random(18);
        double worst = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String id = post("/sessions", JSON.createObjectNode().put("model", model))
                    .get("id")
                    .asString();
            List<ObjectNode> steps = new ArrayList<>();
            if (fixture.has("texts")) {
                int[] codePoints = inputs.get(i).asString().codePoints().toArray();
                for (int start = 0; start < codePoints.length; ) {
                    int length = 1 + random.nextInt(Math.min(3, codePoints.length - start));
                    steps.add(JSON.createObjectNode().put("text", new String(codePoints, start, length)));
                    start += length;
                }
            } else {
                int start = 0;
                for (int length : new int[] {1, 6, 7, 14}) {
                    ArrayNode rows = JSON.createArrayNode();
                    for (int r = start; r < start + length; r++) {
                        rows.add(inputs.get(i).get(r));
                    }
                    ObjectNode step = JSON.createObjectNode();
                    step.set("rows", rows);
                    steps.add(step);
                    start += length;
                }
            }
            JsonNode last = null;
            for (ObjectNode step : steps) {
                last = post("/sessions/" + id + "/steps", step);
            }
            worst = Math.max(
                    worst,
                    check(
                            model,
                            "streamed, input " + i,
                            last.get("predictions"),
                            fixture.get("probabilities").get(i),
                            labels));
        }
        System.out.printf("%s streamed: largest difference from the float64 reference %.2e%n", model, worst);
    }

    @Test
    void infoSaysTheRecurrentLayersAvoidOneDnn() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/info"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode kernels = JSON.readTree(response.body()).get("kernels");
        assertThat(kernels.get("oneDnn").asString()).isEqualTo("off");
        assertThat(kernels.get("cpu").asString()).isEqualTo(CpuFeatures.vectorExtensions());
    }

    private static double check(
            String model, String where, JsonNode predictions, JsonNode expected, List<String> labels) {
        assertThat(predictions.size()).as("%s %s: every label", model, where).isEqualTo(labels.size());
        double worst = 0;
        for (JsonNode prediction : predictions) {
            int index = labels.indexOf(prediction.get("label").asString());
            double difference = Math.abs(prediction.get("probability").asDouble()
                    - expected.get(index).asDouble());
            assertThat(difference)
                    .as("%s %s, label %s", model, where, labels.get(index))
                    .isLessThanOrEqualTo(TOLERANCE);
            worst = Math.max(worst, difference);
        }
        return worst;
    }

    private static List<JsonNode> inputs(String model, JsonNode fixture) {
        List<JsonNode> inputs = new ArrayList<>();
        if (fixture.has("texts")) {
            fixture.get("texts").forEach(inputs::add);
            assertThat(inputs).extracting(JsonNode::asString).containsExactlyElementsOf(FixedInputs.texts(model));
            return inputs;
        }
        for (ImageExample image : FixedInputs.images(model)) {
            ArrayNode rows = JSON.createArrayNode();
            for (int r = 0; r < image.rows(); r++) {
                ArrayNode row = rows.addArray();
                for (int c = 0; c < image.columns(); c++) {
                    row.add(image.pixel(r, c));
                }
            }
            inputs.add(rows);
        }
        return inputs;
    }

    private JsonNode post(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private JsonNode classify(ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/classify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
