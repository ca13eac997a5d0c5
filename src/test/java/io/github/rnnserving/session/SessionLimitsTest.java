package io.github.rnnserving.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.support.TinyModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The limits of rnn.sessions.*: sessions per instance, idle expiry, steps and text per step. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path state;

    @LocalServerPort
    int port;

    @Autowired
    SessionService sessions;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry properties) throws IOException {
        TinyModels.ModelsFolder folder = TinyModels.folderWithNamesAndMnist("abcdefghijklmnopqrstuvwxyz");
        state = Files.createTempDirectory("rnn-session-state");
        properties.add("rnn.models-dir", () -> folder.path().toString());
        properties.add("rnn.state-dir", state::toString);
        properties.add("rnn.sessions.max-active", () -> "2");
        properties.add("rnn.sessions.idle-ttl", () -> "3s");
        properties.add("rnn.sessions.max-steps", () -> "6");
        properties.add("rnn.sessions.max-text-per-step", () -> "5");
    }

    @Test
    void sessionsAreBoundedInNumberTimeStepsAndTextPerStep() throws Exception {
        // no key configured: one was generated into the state folder, owner-only
        assertThat(state.resolve(SessionKeys.FILE_NAME)).exists();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(post("/sessions", "{\"model\":\"names\"}", 201).get("id").asString());
        }
        HttpResponse<String> full = send("/sessions", "{\"model\":\"names\"}");
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(full.body()).get("detail").asString()).contains("rnn.sessions.max-active");

        String id = ids.get(0);
        JsonNode tooLong = post("/sessions/" + id + "/steps", "{\"text\":\"abcdef\"}", 400);
        assertThat(tooLong.get("field").asString()).isEqualTo("text");
        assertThat(tooLong.get("detail").asString()).contains("rnn.sessions.max-text-per-step");
        post("/sessions/" + id + "/steps", "{\"text\":\"abcd\"}", 200);
        JsonNode pastSteps = post("/sessions/" + id + "/steps", "{\"text\":\"abc\"}", 400);
        assertThat(pastSteps.get("detail").asString())
                .contains("4 of its at most 6")
                .contains("2 left");
        assertThat(post("/sessions/" + id + "/steps", "{\"text\":\"ab\"}", 200)
                        .get("steps")
                        .asInt())
                .isEqualTo(6);
        assertThat(post("/sessions/" + id + "/steps", "{\"rows\":[[1]]}", 400)
                        .get("field")
                        .asString())
                .isEqualTo("rows");
        assertThat(post("/sessions/" + id + "/steps", "{\"text\":\"a\",\"topK\":0}", 400)
                        .get("field")
                        .asString())
                .isEqualTo("topK");

        // idle past the time to live: both expire, free their places and answer 404
        Thread.sleep(7000);
        assertThat(sessions.active()).isZero();
        for (String gone : ids) {
            assertThat(post("/sessions/" + gone + "/steps", "{\"text\":\"a\"}", 404)
                            .get("type")
                            .asString())
                    .isEqualTo("/problems/session-not-found");
        }
        post("/sessions", "{\"model\":\"names\"}", 201);
        JsonNode image = post("/sessions", "{\"model\":\"mnist\"}", 201);
        assertThat(image.get("maxSteps").asInt()).isEqualTo(6);
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> response = send(path, body);
        assertThat(response.statusCode())
                .as(path + " " + body + " → " + response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
