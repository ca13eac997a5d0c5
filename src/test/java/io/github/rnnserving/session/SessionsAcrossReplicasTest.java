package io.github.rnnserving.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.RnnServingApplication;
import io.github.rnnserving.support.TinyModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the service sharing a models folder and rnn.sessions.key, each with its own
 * state folder and no sticky routing: a session begun on one goes on at the other from its last
 * answer's state, and ends with the answer /classify gives the whole text. A third instance with
 * another key refuses that state.
 */
class SessionsAcrossReplicasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = SessionsEndToEndTest.KEY;
    private static TinyModels.ModelsFolder models;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static ConfigurableApplicationContext otherKey;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        models = TinyModels.folderWithNamesAndMnist("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        first = replica(KEY);
        second = replica(KEY);
        otherKey = replica("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }

    private static ConfigurableApplicationContext replica(String key) throws Exception {
        Path state = Files.createTempDirectory("rnn-replica-state");
        // arguments, not default properties: application.properties would win over those
        return new SpringApplicationBuilder(RnnServingApplication.class)
                .run(
                        "--server.port=0",
                        "--rnn.models-dir=" + models.path(),
                        "--rnn.state-dir=" + state,
                        "--rnn.sessions.key=" + key,
                        "--rnn.jobs.train=false");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second, otherKey}) {
            if (context != null) {
                context.close();
            }
        }
        models.close();
    }

    @Test
    void aSessionGoesOnAtAnotherReplicaFromItsState() throws Exception {
        String id =
                post(first, "/sessions", "{\"model\":\"names\"}", 201).get("id").asString();
        post(first, "/sessions/" + id + "/steps", "{\"text\":\"Naka\"}", 200);
        String state = post(first, "/sessions/" + id + "/steps", "{\"text\":\"mu\"}", 200)
                .get("state")
                .asString();

        // the id means nothing elsewhere: sessions live on the instance that opened them
        post(second, "/sessions/" + id + "/steps", "{\"text\":\"ra\"}", 404);
        JsonNode moved = post(second, "/sessions", "{\"model\":\"names\",\"state\":\"" + state + "\"}", 201);
        assertThat(moved.get("steps").asInt()).isEqualTo(6);
        JsonNode last = post(second, "/sessions/" + moved.get("id").asString() + "/steps", "{\"text\":\"ra\"}", 200);
        JsonNode whole = post(first, "/classify", "{\"model\":\"names\",\"text\":\"Nakamura\"}", 200);
        for (int i = 0; i < whole.get("predictions").size(); i++) {
            JsonNode expected = whole.get("predictions").get(i);
            JsonNode actual = last.get("predictions").get(i);
            assertThat(actual.get("label").asString())
                    .isEqualTo(expected.get("label").asString());
            assertThat(Math.abs(actual.get("probability").asDouble()
                            - expected.get("probability").asDouble()))
                    .isLessThan(1e-5);
        }

        JsonNode refused = post(otherKey, "/sessions", "{\"model\":\"names\",\"state\":\"" + state + "\"}", 400);
        assertThat(refused.get("field").asString()).isEqualTo("state");
    }

    private JsonNode post(ConfigurableApplicationContext replica, String path, String body, int status)
            throws Exception {
        String port = replica.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
