package io.github.rnnserving.session;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The Swagger examples of /sessions work as written against the default streaming models, and
 * every documented error of the sessions API has an example.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionApiDocsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void defaults(DynamicPropertyRegistry registry) throws Exception {
        registry.add("rnn.models-dir", () -> Path.of("models").toAbsolutePath().toString());
        Path state = Files.createTempDirectory("rnn-session-docs-state");
        registry.add("rnn.state-dir", state::toString);
    }

    @Test
    void everyRequestExampleWorksAndEveryErrorHasAnExample() throws Exception {
        JsonNode paths = get("/v3/api-docs").get("paths");
        JsonNode open = paths.get("/sessions").get("post");
        JsonNode openExamples = examples(open);
        String text = post("/sessions", value(openExamples.get("text")), 201)
                .get("id")
                .asString();
        String image = post("/sessions", value(openExamples.get("image")), 201)
                .get("id")
                .asString();
        // the "from state" example shows where a token goes; its placeholder is no token
        assertThat(post("/sessions", value(openExamples.get("from state")), 400)
                        .get("field")
                        .asString())
                .isEqualTo("state");

        JsonNode step = paths.get("/sessions/{id}/steps").get("post");
        JsonNode stepExamples = examples(step);
        JsonNode afterText = post("/sessions/" + text + "/steps", value(stepExamples.get("text")), 200);
        assertThat(afterText.get("predictions").get(0).get("label").asString()).isEqualTo("Japanese");
        JsonNode afterRows = post("/sessions/" + image + "/steps", value(stepExamples.get("rows")), 200);
        assertThat(afterRows.get("steps").asInt()).isEqualTo(2);

        for (JsonNode operation : List.of(
                open,
                step,
                paths.get("/sessions/{id}").get("get"),
                paths.get("/sessions/{id}").get("delete"))) {
            List<String> statuses = new ArrayList<>();
            operation.get("responses").propertyNames().forEach(statuses::add);
            for (String status : statuses) {
                if (status.startsWith("4") || status.startsWith("5")) {
                    JsonNode content = operation.get("responses").get(status).get("content");
                    assertThat(content.findValue("examples") != null || content.findValue("example") != null)
                            .as("example for %s %s", operation.get("summary").asString(), status)
                            .isTrue();
                }
            }
        }
        assertThat(examples(open).size()).isEqualTo(3);
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

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(path + " " + body + " → " + response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
