package io.github.rnnserving.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.support.TinyGenerators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Swagger examples of /generate and /score work as written, against a tiny untrained
 * names-generator conditioned on the 18 languages (the trained default has the same name,
 * conditions and letters), and every documented error has an example.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GenerateApiDocsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) throws Exception {
        Path models = Files.createTempDirectory("rnn-generate-docs");
        TinyGenerators.write(
                models,
                "names-generator",
                CellType.LSTM,
                2,
                TinyGenerators.LANGUAGES,
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-",
                19);
        registry.add("rnn.models-dir", models::toString);
        registry.add(
                "rnn.state-dir",
                () -> models.resolveSibling(models.getFileName() + "-state").toString());
    }

    @Test
    void everyRequestExampleWorksAndEveryErrorHasAnExample() throws Exception {
        JsonNode paths = get("/v3/api-docs").get("paths");
        JsonNode generate = paths.get("/generate").get("post");
        JsonNode generateExamples = examples(generate);
        assertThat(generateExamples.propertyNames())
                .containsExactlyInAnyOrder("samples", "prefix", "greedy", "nucleus");
        for (String name : generateExamples.propertyNames()) {
            JsonNode request = JSON.readTree(value(generateExamples.get(name)));
            JsonNode answer = post("/generate", value(generateExamples.get(name)));
            int count = request.has("count") ? request.get("count").asInt() : 1;
            assertThat(answer.get("samples")).as(name).hasSize(count);
            if (request.has("prefix")) {
                for (JsonNode sample : answer.get("samples")) {
                    assertThat(sample.get("text").asString())
                            .startsWith(request.get("prefix").asString());
                }
            }
        }
        JsonNode score = paths.get("/score").get("post");
        JsonNode scored = post("/score", value(examples(score).get("score")));
        assertThat(scored.get("characters")).hasSize("Ivanov".length());

        for (JsonNode operation : List.of(generate, score)) {
            List<String> statuses = new ArrayList<>();
            operation.get("responses").propertyNames().forEach(statuses::add);
            assertThat(statuses).contains("200", "400", "404", "503");
            for (String status : statuses) {
                JsonNode content = operation.get("responses").get(status).get("content");
                assertThat(content.findValue("examples") != null || content.findValue("example") != null)
                        .as("example for %s %s", operation.get("summary").asString(), status)
                        .isTrue();
            }
        }
        // the event stream is documented beside the JSON answer
        assertThat(generate.get("responses").get("200").get("content").has("text/event-stream"))
                .isTrue();
    }

    private static JsonNode examples(JsonNode operation) {
        return operation
                .get("requestBody")
                .get("content")
                .get("application/json")
                .get("examples");
    }

    private static String value(JsonNode example) {
        JsonNode value = example.get("value");
        return value.isString() ? value.asString() : value.toString();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(path + " " + body + " → " + response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
