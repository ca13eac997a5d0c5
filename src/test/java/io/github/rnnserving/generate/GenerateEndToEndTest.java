package io.github.rnnserving.generate;

import static io.github.rnnserving.support.LiveProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.support.TinyGenerators;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /generate} and {@code /score} on the real engine over real, untrained generator bundles
 * (a 1-layer LSTM and a 2-layer GRU, conditioned on "a" and "b"): seeds reproduce samples, greedy
 * decoding equals an argmax decoding built independently from {@code /score}, sampled
 * log-probabilities equal {@code /score}'s, the event stream spells the sample, and every refusal
 * names its field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GenerateEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ALPHABET = "abcdefgh";
    private static final List<String> CONDITIONS = List.of("a", "b");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry properties) throws IOException {
        Path models = Files.createTempDirectory("rnn-generate-models");
        TinyGenerators.write(models, "gen-lstm", CellType.LSTM, 1, CONDITIONS, ALPHABET, 11);
        TinyGenerators.write(models, "gen-gru", CellType.GRU, 2, CONDITIONS, ALPHABET, 12);
        TinyGenerators.write(models, "gen-plain", CellType.GRU, 1, List.of(), ALPHABET, 13);
        Path slow = TinyGenerators.write(models, "gen-slow", CellType.LSTM, 1, CONDITIONS, ALPHABET, 14);
        Files.writeString(slow.resolve("serving.json"), "{\"requestTimeout\": \"1ms\"}");
        Path full = TinyGenerators.write(models, "gen-full", CellType.LSTM, 1, CONDITIONS, ALPHABET, 15);
        Files.writeString(full.resolve("serving.json"), "{\"queueCapacity\": 1}");
        TinyModels.writeTextModel(models, ALPHABET);
        properties.add("rnn.models-dir", models::toString);
        properties.add(
                "rnn.state-dir",
                () -> models.resolveSibling(models.getFileName() + "-state").toString());
        properties.add("rnn.models-refresh", () -> "1h");
    }

    static Stream<String> generators() {
        return Stream.of("gen-lstm", "gen-gru");
    }

    @ParameterizedTest
    @MethodSource("generators")
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers(String model) throws Exception {
        String request = "{\"model\":\"" + model + "\",\"condition\":\"a\",\"count\":6,\"seed\":5}";
        JsonNode first = post("/generate", request, 200);
        JsonNode again = post("/generate", request, 200);
        assertSameSamples(again.get("samples"), first.get("samples"));
        assertThat(first.get("seed").asLong()).isEqualTo(5);
        assertThat(first.get("version").asString()).isEqualTo("1");
        assertThat(first.get("samples")).hasSize(6);
        JsonNode other = post("/generate", request.replace("\"seed\":5", "\"seed\":6"), 200);
        assertThat(texts(other)).isNotEqualTo(texts(first));
        JsonNode otherCondition = post("/generate", request.replace("\"condition\":\"a\"", "\"condition\":\"b\""), 200);
        assertThat(texts(otherCondition)).isNotEqualTo(texts(first));
        // without a seed one is chosen, given back, and reproduces the samples
        JsonNode chosen = post("/generate", "{\"model\":\"" + model + "\",\"condition\":\"b\",\"count\":3}", 200);
        long seed = chosen.get("seed").asLong();
        assertThat(seed).isBetween(0L, 1L << 53);
        JsonNode replayed = post(
                "/generate",
                "{\"model\":\"" + model + "\",\"condition\":\"b\",\"count\":3,\"seed\":" + seed + "}",
                200);
        assertSameSamples(replayed.get("samples"), chosen.get("samples"));
    }

    @ParameterizedTest
    @MethodSource("generators")
    void greedyIsDeterministicAndEqualsArgmaxDecodingFromScore(String model) throws Exception {
        String request = "{\"model\":\"" + model + "\",\"condition\":\"b\",\"prefix\":\"ca\",\"count\":3,"
                + "\"maxLength\":10,\"temperature\":0,\"seed\":1}";
        JsonNode samples = post("/generate", request, 200).get("samples");
        assertSameSample(samples.get(1), samples.get(0));
        assertSameSample(samples.get(2), samples.get(0));
        assertSameSamples(
                post("/generate", request.replace("\"seed\":1", "\"seed\":2"), 200)
                        .get("samples"),
                samples);

        // the same decoding from /score alone: at each step, the likeliest of every character and the end
        String text = "ca";
        boolean ended = false;
        while (text.length() < 10) {
            double best =
                    post("/score", score(model, "b", text), 200).get("end").asDouble();
            String next = null;
            for (char c : ALPHABET.toCharArray()) {
                JsonNode characters =
                        post("/score", score(model, "b", text + c), 200).get("characters");
                double p = characters.get(text.length()).get("probability").asDouble();
                if (p > best) {
                    best = p;
                    next = String.valueOf(c);
                }
            }
            if (next == null) {
                ended = true;
                break;
            }
            text += next;
        }
        assertThat(samples.get(0).get("text").asString()).isEqualTo(text);
        assertThat(samples.get(0).get("ended").asBoolean()).isEqualTo(ended);
    }

    @ParameterizedTest
    @MethodSource("generators")
    void logProbabilityEqualsScoreOfTheDrawnCharactersAndTheEnd(String model) throws Exception {
        for (String prefix : List.of("", "hg")) {
            String request = "{\"model\":\"" + model + "\",\"condition\":\"a\",\"prefix\":\"" + prefix
                    + "\",\"count\":8,\"maxLength\":12,\"temperature\":1.3,\"topP\":0.9,\"seed\":21}";
            for (JsonNode sample : post("/generate", request, 200).get("samples")) {
                String text = sample.get("text").asString();
                assertThat(text).startsWith(prefix).hasSizeLessThanOrEqualTo(12);
                if (text.isEmpty()) {
                    continue;
                }
                JsonNode scored = post("/score", score(model, "a", text), 200);
                double expected = 0;
                JsonNode characters = scored.get("characters");
                for (int i = prefix.length(); i < characters.size(); i++) {
                    expected += Math.log(characters.get(i).get("probability").asDouble());
                }
                if (sample.get("ended").asBoolean()) {
                    expected += Math.log(scored.get("end").asDouble());
                } else {
                    assertThat(text).hasSize(12);
                }
                assertThat(sample.get("logProbability").asDouble()).as(text).isCloseTo(expected, within(1e-4));
                if (prefix.isEmpty() && sample.get("ended").asBoolean()) {
                    assertThat(sample.get("logProbability").asDouble())
                            .isCloseTo(scored.get("logProbability").asDouble(), within(1e-4));
                }
            }
        }
    }

    @Test
    void scoreAddsUpItsCharactersAndTheEnd() throws Exception {
        JsonNode scored = post("/score", score("gen-lstm", "a", "badge"), 200);
        double sum = Math.log(scored.get("end").asDouble());
        StringBuilder read = new StringBuilder();
        for (JsonNode character : scored.get("characters")) {
            read.append(character.get("character").asString());
            double p = character.get("probability").asDouble();
            assertThat(p).isBetween(0.0, 1.0);
            sum += Math.log(p);
        }
        assertThat(read.toString()).isEqualTo("badge");
        assertThat(scored.get("logProbability").asDouble()).isCloseTo(sum, within(1e-5));
        assertThat(scored.get("bitsPerCharacter").asDouble()).isCloseTo(-sum / Math.log(2) / 6, within(1e-5));
        assertThat(scored.get("model").asString()).isEqualTo("gen-lstm");
        // the condition changes the answer
        assertThat(post("/score", score("gen-lstm", "b", "badge"), 200)
                        .get("logProbability")
                        .asDouble())
                .isNotCloseTo(sum, within(1e-6));
        // a model without conditions scores without one
        assertThat(post("/score", "{\"model\":\"gen-plain\",\"text\":\"badge\"}", 200)
                        .get("characters"))
                .hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 4.0})
    void topKOneIsGreedyAtAnyTemperature(double temperature) throws Exception {
        String greedy = "{\"model\":\"gen-gru\",\"condition\":\"a\",\"count\":2,\"maxLength\":16,\"temperature\":0}";
        String topOne = "{\"model\":\"gen-gru\",\"condition\":\"a\",\"count\":2,\"maxLength\":16,\"temperature\":"
                + temperature + ",\"topK\":1,\"seed\":99}";
        assertSameSamples(
                post("/generate", topOne, 200).get("samples"),
                post("/generate", greedy, 200).get("samples"));
    }

    @Test
    void samplesStopAtMaxLengthThePrefixIncluded() throws Exception {
        JsonNode samples = post(
                        "/generate",
                        "{\"model\":\"gen-lstm\",\"condition\":\"b\",\"prefix\":\"ab\",\"count\":16,\"maxLength\":5,"
                                + "\"temperature\":3,\"seed\":8}",
                        200)
                .get("samples");
        assertThat(samples).hasSize(16);
        int cut = 0;
        for (JsonNode sample : samples) {
            String text = sample.get("text").asString();
            assertThat(text).startsWith("ab").hasSizeBetween(2, 5);
            if (!sample.get("ended").asBoolean()) {
                assertThat(text).hasSize(5);
                cut++;
            }
        }
        assertThat(cut).isPositive();
        // a model without conditions generates without one
        assertThat(post("/generate", "{\"model\":\"gen-plain\",\"maxLength\":3,\"seed\":1}", 200)
                        .get("samples")
                        .get(0)
                        .get("text")
                        .asString())
                .hasSizeLessThanOrEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("generators")
    void theEventStreamSpellsTheSampleTheJsonAnswerGives(String model) throws Exception {
        for (int seed = 0; seed < 4; seed++) {
            String request = "{\"model\":\"" + model + "\",\"condition\":\"a\",\"prefix\":\"d\",\"seed\":" + seed + "}";
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri("/generate"))
                            .header("Content-Type", "application/json")
                            .header("Accept", "text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofString(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            List<String> events = new ArrayList<>();
            StringBuilder drawn = new StringBuilder();
            JsonNode done = null;
            String event = null;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                    events.add(event);
                } else if (line.startsWith("data:") && "character".equals(event)) {
                    drawn.append(
                            JSON.readTree(line.substring(5)).get("character").asString());
                } else if (line.startsWith("data:") && "done".equals(event)) {
                    done = JSON.readTree(line.substring(5));
                }
            }
            assertThat(events.get(events.size() - 1)).isEqualTo("done");
            assertThat(done).isNotNull();
            JsonNode plain = post("/generate", request, 200);
            assertThat(done.get("seed")).isEqualTo(plain.get("seed"));
            assertThat(done.get("version")).isEqualTo(plain.get("version"));
            assertSameSamples(done.get("samples"), plain.get("samples"));
            assertThat("d" + drawn)
                    .isEqualTo(plain.get("samples").get(0).get("text").asString());
            assertThat(events.stream().filter("character"::equals).count()).isEqualTo(drawn.length());
        }
    }

    static Stream<Arguments> refusals() {
        String lstm = "{\"model\":\"gen-lstm\",\"condition\":\"a\",";
        return Stream.of(
                Arguments.of("/generate", "{\"condition\":\"a\"}", 400, "model"),
                Arguments.of("/generate", "{\"model\":\"nope\",\"condition\":\"a\"}", 404, null),
                Arguments.of("/generate", "{\"model\":\"names\"}", 400, "model"),
                Arguments.of("/generate", "{\"model\":\"gen-lstm\"}", 400, "condition"),
                Arguments.of("/generate", "{\"model\":\"gen-lstm\",\"condition\":\"c\"}", 400, "condition"),
                Arguments.of("/generate", "{\"model\":\"gen-plain\",\"condition\":\"a\"}", 400, "condition"),
                Arguments.of("/generate", lstm + "\"prefix\":\"abz\"}", 400, "prefix"),
                Arguments.of("/generate", lstm + "\"prefix\":\"abcd\",\"maxLength\":4}", 400, "prefix"),
                Arguments.of("/generate", lstm + "\"count\":0}", 400, "count"),
                Arguments.of("/generate", lstm + "\"count\":17}", 400, "count"),
                Arguments.of("/generate", lstm + "\"maxLength\":0}", 400, "maxLength"),
                Arguments.of("/generate", lstm + "\"maxLength\":65}", 400, "maxLength"),
                Arguments.of("/generate", lstm + "\"temperature\":-0.1}", 400, "temperature"),
                Arguments.of("/generate", lstm + "\"temperature\":10.5}", 400, "temperature"),
                Arguments.of("/generate", lstm + "\"topK\":-1}", 400, "topK"),
                Arguments.of("/generate", lstm + "\"topP\":0}", 400, "topP"),
                Arguments.of("/generate", lstm + "\"topP\":1.01}", 400, "topP"),
                Arguments.of("/generate", lstm + "\"seed\":\"x\"}", 400, "seed"),
                Arguments.of("/generate", lstm + "\"colour\":1}", 400, "colour"),
                Arguments.of("/score", "{\"text\":\"ab\"}", 400, "model"),
                Arguments.of("/score", "{\"model\":\"nope\",\"text\":\"ab\"}", 404, null),
                Arguments.of("/score", "{\"model\":\"names\",\"text\":\"ab\"}", 400, "model"),
                Arguments.of("/score", "{\"model\":\"gen-gru\",\"text\":\"ab\"}", 400, "condition"),
                Arguments.of("/score", "{\"model\":\"gen-gru\",\"condition\":\"x\",\"text\":\"ab\"}", 400, "condition"),
                Arguments.of("/score", "{\"model\":\"gen-gru\",\"condition\":\"a\"}", 400, "text"),
                Arguments.of("/score", "{\"model\":\"gen-gru\",\"condition\":\"a\",\"text\":\"  \"}", 400, "text"),
                Arguments.of("/score", "{\"model\":\"gen-gru\",\"condition\":\"a\",\"text\":\"ab€\"}", 400, "text"),
                Arguments.of(
                        "/score",
                        "{\"model\":\"gen-gru\",\"condition\":\"a\",\"text\":\"" + "a".repeat(2001) + "\"}",
                        400,
                        "text"),
                Arguments.of("/classify", "{\"model\":\"gen-gru\",\"text\":\"ab\"}", 400, "model"),
                Arguments.of("/sessions", "{\"model\":\"gen-gru\"}", 400, "model"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void refusalsNameTheirField(String path, String body, int status, String field) throws Exception {
        HttpResponse<String> response = send(path, body, "application/json");
        if (field == null) {
            assertProblem(response, status);
        } else {
            assertProblem(response, status, field);
        }
    }

    @Test
    void theOpenInferenceProtocolRefusesAGeneratorInItsOwnErrorForm() throws Exception {
        HttpResponse<String> response = send(
                "/v2/models/gen-gru/infer",
                "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"ab\"]}]}",
                "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asString()).contains("POST /generate");
    }

    @Test
    void refusalsReadAsTheyShould() throws Exception {
        assertThat(detail("/generate", "{\"model\":\"names\"}")).contains("classifier", "POST /classify");
        assertThat(detail("/classify", "{\"model\":\"gen-gru\",\"text\":\"ab\"}"))
                .contains("POST /generate", "POST /score");
        assertThat(detail("/sessions", "{\"model\":\"gen-gru\"}")).contains("POST /generate");
        assertThat(detail("/generate", "{\"model\":\"gen-lstm\",\"condition\":\"c\"}"))
                .contains("[a, b]");
        assertThat(detail("/generate", "{\"model\":\"gen-lstm\",\"condition\":\"a\",\"prefix\":\"aXbY\"}"))
                .contains("'X', 'Y'");
    }

    @Test
    void aStreamRefusedBeforeItsFirstEventIsAProblem() throws Exception {
        HttpResponse<String> many =
                send("/generate", "{\"model\":\"gen-lstm\",\"condition\":\"a\",\"count\":2}", "text/event-stream");
        assertProblem(many, 400, "count");
        HttpResponse<String> unknown =
                send("/generate", "{\"model\":\"gen-lstm\",\"condition\":\"z\"}", "text/event-stream");
        assertProblem(unknown, 400, "condition");
    }

    @Test
    void aRequestPastItsDeadlineIs503() throws Exception {
        HttpResponse<String> response = send(
                "/generate",
                "{\"model\":\"gen-slow\",\"condition\":\"a\",\"count\":16,\"temperature\":0.1,\"seed\":3}",
                "application/json");
        assertProblem(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    /**
     * A stream past its deadline: a problem answer when the first pass did not make it, else an
     * error event carrying the problem, last in the stream.
     */
    @Test
    void aStreamPastItsDeadlineEndsWithAProblemOrAnErrorEvent() throws Exception {
        HttpResponse<String> response = send(
                "/generate",
                "{\"model\":\"gen-slow\",\"condition\":\"a\",\"maxLength\":64,\"temperature\":0.1,\"seed\":3}",
                "text/event-stream");
        if (response.statusCode() == 503) {
            assertProblem(response, 503);
            return;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = response.body().split("\n");
        String lastEvent = null;
        JsonNode lastData = null;
        for (String line : lines) {
            if (line.startsWith("event:")) {
                lastEvent = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                lastData = JSON.readTree(line.substring(5));
            }
        }
        assertThat(lastEvent).as(response.body()).isEqualTo("error");
        assertThat(lastData.get("status").asInt()).isEqualTo(503);
        assertThat(lastData.get("type").asString()).isEqualTo("/problems/service-busy");
        assertThat(lastData.get("detail").asString()).contains("time limit");
    }

    @Test
    void aFullQueueIs503WithRetryAfterAndTheOthersAnswer() throws Exception {
        String request = "{\"model\":\"gen-full\",\"condition\":\"a\",\"count\":16,\"temperature\":0.2}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            boolean busy = false;
            for (int round = 0; round < 10 && !busy; round++) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> send("/generate", request, "application/json")));
                }
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
                    if (response.statusCode() == 503) {
                        assertProblem(response, 503);
                        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                        busy = true;
                    }
                }
            }
            assertThat(busy)
                    .as("a queue of one sequence refused some of 8 concurrent requests")
                    .isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    /**
     * The same texts, ends and log-probabilities; the last within float rounding, since a step's
     * batch may differ in size between two runs (another request sharing a pass).
     */
    private static void assertSameSamples(JsonNode actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameSample(actual.get(i), expected.get(i));
        }
    }

    private static void assertSameSample(JsonNode actual, JsonNode expected) {
        assertThat(actual.get("text").asString()).isEqualTo(expected.get("text").asString());
        assertThat(actual.get("ended").asBoolean())
                .isEqualTo(expected.get("ended").asBoolean());
        assertThat(actual.get("logProbability").asDouble())
                .isCloseTo(expected.get("logProbability").asDouble(), within(1e-5));
    }

    private static String score(String model, String condition, String text) {
        return "{\"model\":\"" + model + "\",\"condition\":\"" + condition + "\",\"text\":\"" + text + "\"}";
    }

    private static List<String> texts(JsonNode answer) {
        List<String> texts = new ArrayList<>();
        answer.get("samples").forEach(sample -> texts.add(sample.get("text").asString()));
        return texts;
    }

    private String detail(String path, String body) throws Exception {
        return JSON.readTree(send(path, body, "application/json").body())
                .get("detail")
                .asString();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(String path, String body, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> response = send(path, body, "application/json");
        assertThat(response.statusCode())
                .as(path + " " + body + " → " + response.body())
                .isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
