package io.github.rnnserving.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.support.TinyModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generator training jobs over HTTP on the real engine and job store: a small names generator
 * trains, reports bits per character, and {@code promote: if-better} serves a new version only when
 * its validation bits per character are lower than the serving version's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GeneratorJobsEndToEndTest {

    private static final String TOKEN = "generator-jobs-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void sharedData() {
        SharedFiles.requireData("names");
    }

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        Path models = Files.createTempDirectory("rnn-generator-jobs-models");
        TinyModels.writeTextModel(models, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        Path state = Files.createTempDirectory("rnn-generator-jobs-state");
        registry.add("rnn.models-dir", models::toString);
        registry.add("rnn.state-dir", state::toString);
        registry.add("rnn.data-dir", () -> SharedFiles.data().toString());
        registry.add("rnn.security.admin-token", () -> TOKEN);
        registry.add("rnn.jobs.progress-interval", () -> "100ms");
        registry.add("rnn.jobs.poll-interval", () -> "200ms");
    }

    @Test
    void aGeneratorTrainsReportsBitsPerCharacterAndIfBetterPromotesOnlyALowerOne() throws Exception {
        JsonNode weak = await(submit(request("names-lm", 1, 0.0005, null)));
        assertThat(weak.get("state").asString()).as(weak.toString()).isEqualTo("SUCCEEDED");
        JsonNode weakResult = weak.get("result");
        assertThat(weakResult.get("task").asString()).isEqualTo("generate");
        assertThat(weakResult.get("promoted").asBoolean()).isTrue();
        assertThat(weakResult.has("testAccuracy")).isFalse();
        double weakBits = weakResult.get("validationBitsPerCharacter").asDouble();
        assertThat(weakResult.get("testBitsPerCharacter").asDouble()).isBetween(1.0, 8.0);
        assertThat(weakResult.get("testPerplexity").asDouble())
                .isCloseTo(Math.pow(2, weakResult.get("testBitsPerCharacter").asDouble()), within(1e-6));
        JsonNode epoch = weak.get("progress").get("history").get(0);
        assertThat(epoch.get("validationBitsPerCharacter").asDouble()).isEqualTo(weakBits);
        assertThat(epoch.has("validationPerplexity")).isTrue();

        JsonNode better = await(submit(request("names-lm", 3, 0.01, "if-better")));
        JsonNode betterResult = better.get("result");
        double betterBits = betterResult.get("validationBitsPerCharacter").asDouble();
        assertThat(betterBits).isLessThan(weakBits);
        assertThat(betterResult.get("servingValidationBitsPerCharacter").asDouble())
                .isCloseTo(weakBits, within(1e-9));
        assertThat(betterResult.get("promoted").asBoolean())
                .as(betterResult.toString())
                .isTrue();
        assertThat(servingVersion("names-lm")).isEqualTo("2");

        JsonNode worse = await(submit(request("names-lm", 1, 0.0005, "if-better")));
        JsonNode worseResult = worse.get("result");
        assertThat(worseResult.get("validationBitsPerCharacter").asDouble()).isGreaterThan(betterBits);
        assertThat(worseResult.get("promoted").asBoolean()).isFalse();
        assertThat(worseResult.get("promotion").asString()).contains("not promoted", "lower is better");
        assertThat(servingVersion("names-lm")).isEqualTo("2");
    }

    @Test
    void aBidirectionalGeneratorIsA400NamingTheField() throws Exception {
        ObjectNode request = request("names-lm-both-ways", 1, 0.01, null);
        ((ObjectNode) request.get("architecture")).put("bidirectional", true);

        HttpResponse<String> refused = submitRaw(request);

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("field").asString()).isEqualTo("architecture.bidirectional");
        assertThat(problem.get("detail").asString()).contains("cannot be bidirectional");
    }

    private static ObjectNode request(String model, int epochs, double learningRate, String promote) {
        ObjectNode request = JSON.createObjectNode()
                .put("model", model)
                .put("task", "generate")
                .put("dataset", "names")
                .put("limit", 800);
        if (promote != null) {
            request.put("promote", promote);
        }
        request.set(
                "architecture",
                JSON.createObjectNode().put("cell", "gru").put("hiddenSize", 16).put("embeddingSize", 8));
        request.set(
                "training",
                JSON.createObjectNode()
                        .put("epochs", epochs)
                        .put("batchSize", 32)
                        .put("learningRate", learningRate));
        return request;
    }

    private String servingVersion(String model) throws Exception {
        return get("/models/" + model).get("servingVersion").asString();
    }

    private String submit(ObjectNode request) throws Exception {
        HttpResponse<String> response = submitRaw(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private HttpResponse<String> submitRaw(ObjectNode request) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/training-jobs"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode await(String id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await("job " + id)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode job = get("/training-jobs/" + id);
                    last.set(job);
                    assertThat(List.of("SUCCEEDED", "FAILED", "CANCELLED"))
                            .as("waiting for job " + id + ": " + job)
                            .contains(job.get("state").asString());
                });
        return last.get();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
