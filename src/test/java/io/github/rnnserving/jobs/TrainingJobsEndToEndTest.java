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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Training jobs over HTTP on the real engine, the embedded H2 job store and db-scheduler, with
 * small real subsets of the names data. The service starts with one tiny model, "names", so
 * /classify has something to answer while jobs train.
 *
 * <p>Long on purpose: the cases share one started service with its job store and scheduler, the
 * slow part; a job's life (submit, progress, events, cancel, promote) reads best in one place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TrainingJobsEndToEndTest {

    private static final String TOKEN = "jobs-token";
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
        Path models = Files.createTempDirectory("rnn-jobs-models");
        TinyModels.writeTextModel(models, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        Path state = Files.createTempDirectory("rnn-jobs-state");
        registry.add("rnn.models-dir", models::toString);
        registry.add("rnn.state-dir", state::toString);
        registry.add("rnn.data-dir", () -> SharedFiles.data().toString());
        registry.add("rnn.security.admin-token", () -> TOKEN);
        registry.add("rnn.jobs.max-queued", () -> "3");
        registry.add("rnn.jobs.progress-interval", () -> "100ms");
        registry.add("rnn.jobs.poll-interval", () -> "200ms");
    }

    @AfterEach
    void cancelLeftovers() throws Exception {
        for (JsonNode job : get("/training-jobs?size=100").get("jobs")) {
            String state = job.get("state").asString();
            if (state.equals("QUEUED") || state.equals("RUNNING")) {
                post("/training-jobs/" + job.get("id").asString() + "/cancel", "", 200);
                await(job.get("id").asString(), terminal());
            }
        }
    }

    @Test
    void aJobGoesFromQueuedToSucceededAndItsModelServes() throws Exception {
        ObjectNode request = request("names-gru", 2, 1500);
        ((ObjectNode) request.get("architecture")).put("inputDropout", 0.1).put("outputDropout", 0.2);
        ((ObjectNode) request.get("training")).put("classWeightPower", 0.5);
        HttpResponse<String> accepted = submitRaw(request);
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = JSON.readTree(accepted.body());
        String id = job.get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/training-jobs/" + id);
        assertThat(job.get("state").asString()).isIn("QUEUED", "RUNNING");

        JsonNode done = await(id, terminal());
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("modelVersion").asString()).isEqualTo("1");
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("history")).hasSize(2);
        assertThat(done.get("progress").get("epoch").asInt()).isEqualTo(2);
        assertThat(done.get("progress").get("samplesPerSecond").asDouble()).isPositive();
        JsonNode firstEpoch = done.get("progress").get("history").get(0);
        assertThat(firstEpoch.has("trainLoss")
                        && firstEpoch.has("validationLoss")
                        && firstEpoch.has("validationAccuracy"))
                .isTrue();
        assertThat(done.get("result").get("testAccuracy").asDouble()).isBetween(0.3, 1.0);
        assertThat(done.get("result").get("promoted").asBoolean()).isTrue();

        JsonNode models = get("/models");
        assertThat(models.toString()).contains("\"name\":\"names-gru\"");
        JsonNode answer = post("/classify", "{\"model\": \"names-gru\", \"text\": \"Nakamura\", \"topK\": 1}", 200);
        assertThat(answer.get("version").asString()).isEqualTo("1");
        assertThat(answer.get("predictions")).hasSize(1);
        JsonNode details = get("/models/names-gru");
        assertThat(details.get("architecture").get("inputDropout").asDouble()).isCloseTo(0.1, within(1e-6));
        assertThat(details.get("architecture").get("outputDropout").asDouble()).isCloseTo(0.2, within(1e-6));
        assertThat(details.toString()).contains("\"classWeightPower\":0.5");
    }

    @Test
    void eventsArriveInOrderUntilTheJobEnds() throws Exception {
        String id = submit(request("names-events", 3, 3000));
        HttpResponse<Stream<String>> stream = http.send(
                HttpRequest.newBuilder(uri("/training-jobs/" + id + "/events"))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<Long> revisions = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<String> events = new ArrayList<>();
        String event = null;
        for (String line : (Iterable<String>) stream.body()::iterator) {
            if (line.startsWith("id:")) {
                revisions.add(Long.parseLong(line.substring(3).trim()));
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
                events.add(event);
            } else if (line.startsWith("data:") && "progress".equals(event)) {
                states.add(JSON.readTree(line.substring(5)).get("state").asString());
            }
        }
        // the stream reads the job's row every 250 ms: updates closer together arrive as one
        assertThat(revisions).isSorted().doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
        assertThat(states.get(states.size() - 1)).isEqualTo("SUCCEEDED");
        assertThat(states).contains("RUNNING");
        assertThat(events.get(events.size() - 1)).isEqualTo("end");
        // states only move forward
        List<String> order = List.of("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(states.stream().map(order::indexOf).toList()).isSorted();
    }

    @Test
    void aRunningJobStopsAtItsNextStepWhenCancelled() throws Exception {
        String id = submit(request("names-cancelled", 30, 6000));
        await(
                id,
                job -> job.get("state").asString().equals("RUNNING")
                        && job.has("progress")
                        && job.get("progress").get("step").asInt() > 0);

        JsonNode answer = post("/training-jobs/" + id + "/cancel", "", 200);
        assertThat(answer.get("cancelRequested").asBoolean()).isTrue();
        JsonNode done = await(id, terminal());
        assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(done.get("progress").get("epoch").asInt()).isLessThan(30);
        assertThat(get("/models").toString()).doesNotContain("names-cancelled");
    }

    @Test
    void twoJobsRunOneAfterTheOtherAndIfBetterComparesOnTheSameTestSplit() throws Exception {
        String first = submit(request("names-pair", 2, 1500));
        ObjectNode second = request("names-pair", 1, 1500);
        second.put("promote", "if-better");
        String secondId = submit(second);
        JsonNode queued = get("/training-jobs/" + secondId);
        assertThat(queued.get("state").asString()).isEqualTo("QUEUED");

        JsonNode a = await(first, terminal());
        JsonNode b = await(secondId, terminal());
        assertThat(a.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(b.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(b.get("startedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(a.get("finishedAt").asString()));
        assertThat(b.get("modelVersion").asString()).isEqualTo("2");
        JsonNode result = b.get("result");
        assertThat(result.get("servingAccuracy").asDouble())
                .isEqualTo(a.get("result").get("testAccuracy").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        String serving = get("/models/names-pair").get("servingVersion").asString();
        assertThat(serving).isEqualTo(result.get("promoted").asBoolean() ? "2" : "1");
        assertThat(result.get("promotion").asString()).contains("on this job's test split");
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndAFullQueueAnswers503() throws Exception {
        String running = submit(request("names-long", 30, 6000));
        await(running, job -> job.get("state").asString().equals("RUNNING"));
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(submit(request("names-wait-" + i, 1, 500)));
        }
        HttpResponse<String> full = submitRaw(request("names-too-many", 1, 500));
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(full.body()).get("detail").asString()).contains("rnn.jobs.max-queued");

        JsonNode cancelled = post("/training-jobs/" + queued.get(2) + "/cancel", "", 200);
        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(submitRaw(request("names-now-fits", 1, 500)).statusCode()).isEqualTo(202);
    }

    @Test
    void classifyAnswersWhileAJobTrains() throws Exception {
        String id = submit(request("names-busy", 30, 6000));
        await(id, job -> job.get("state").asString().equals("RUNNING") && job.has("progress"));
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(http.sendAsync(
                    HttpRequest.newBuilder(uri("/classify"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"names\", \"text\": \"Dvorak\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
        }
        assertThat(get("/training-jobs/" + id).get("state").asString()).isEqualTo("RUNNING");
    }

    @Test
    void aJobWhoseDataCannotBeReadEndsFailedWithTheReason() throws Exception {
        ObjectNode request = JSON.createObjectNode()
                .put("model", "names")
                .put("format", "idx")
                .put("path", "names");
        String id = submit(request);
        JsonNode done = await(id, terminal());
        assertThat(done.get("state").asString()).isEqualTo("FAILED");
        assertThat(done.get("failure").asString()).containsIgnoringCase("idx");
        assertThat(get("/models/names").get("servingVersion").asString()).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "model|'Bad Name'",
                "dataset|'klingon'",
                "path|'../../etc'",
                "limit|5",
                "architecture.cell|'lstmx'",
                "architecture.layers|9",
                "architecture.hiddenSize|0",
                "architecture.dropout|0.95",
                "architecture.inputDropout|-0.1",
                "architecture.outputDropout|0.95",
                "architecture.summary|'median'",
                "architecture.tokens|'bytes'",
                "architecture.normalization|'nfx'",
                "architecture.embeddingSize|0",
                "architecture.maxLength|5000",
                "training.epochs|0",
                "training.batchSize|5000",
                "training.optimizer|'rmsprop'",
                "training.learningRate|0",
                "training.truncation|-1",
                "training.clipNorm|-1",
                "training.patience|500",
                "training.weightDecay|0.5",
                "training.classWeightPower|1.5",
                "training.momentum|1",
                "training.learningRateDecay|0",
                "limit|20000000",
                "promote|'sometimes'",
                "architecture.layers|'two'"
            })
    void aBadFieldIsA400NamingIt(String field, String value) throws Exception {
        ObjectNode request = request("names-bad", 1, 500);
        if (field.equals("path")) {
            request.remove("dataset");
            request.put("format", "folder");
        }
        String[] parts = field.split("\\.");
        ObjectNode parent = parts.length == 1 ? request : (ObjectNode) request.get(parts[0]);
        parent.set(parts[parts.length - 1], jsonValue(value));

        HttpResponse<String> response = submitRaw(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aBrokenConstraintIsTheInvalidInputProblemWithPathAndBound() throws Exception {
        ObjectNode request = request("names-bad", 1, 500);
        ((ObjectNode) request.get("training")).put("epochs", 0);

        HttpResponse<String> response = submitRaw(request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-input");
        assertThat(problem.get("title").asString()).isEqualTo("Invalid input");
        assertThat(problem.get("field").asString()).isEqualTo("training.epochs");
        assertThat(problem.get("detail").asString()).isEqualTo("training.epochs must be at least 1, got 0");
    }

    @Test
    void theApiDocsShowTheBoundsOfAJobAndOfClassify() throws Exception {
        JsonNode docs = get("/v3/api-docs");
        JsonNode job = schema(docs, "TrainingJobRequest");
        JsonNode training = schema(docs, job.get("properties").get("training"));
        JsonNode architecture = schema(docs, job.get("properties").get("architecture"));

        assertThat(bounds(training, "epochs")).containsExactly(1.0, 100.0);
        assertThat(bounds(training, "batchSize")).containsExactly(1.0, 1024.0);
        assertThat(bounds(architecture, "hiddenSize")).containsExactly(1.0, 1024.0);
        assertThat(bounds(architecture, "layers")).containsExactly(1.0, 4.0);
        assertThat(bounds(architecture, "dropout")).containsExactly(0.0, 0.9);
        assertThat(bounds(job, "limit")).containsExactly(10.0, 10_000_000.0);
        assertThat(job.get("required"))
                .extracting(JsonNode::toString)
                .asString()
                .contains("\"model\"");

        JsonNode classify = schema(docs, "ClassifyRequest").get("properties");
        assertThat(classify.get("topK").get("minimum").asDouble()).isEqualTo(1.0);
        assertThat(classify.get("texts").get("minItems").asInt()).isEqualTo(1);
    }

    private static JsonNode schema(JsonNode docs, String name) {
        JsonNode schema = docs.get("components").get("schemas").get(name);
        assertThat(schema).as(name + " in the api docs").isNotNull();
        return schema;
    }

    /** A property's schema is a $ref to a component. */
    private static JsonNode schema(JsonNode docs, JsonNode property) {
        String ref = property.get("$ref").asString();
        return schema(docs, ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static List<Double> bounds(JsonNode schema, String property) {
        JsonNode field = schema.get("properties").get(property);
        assertThat(field).as(property).isNotNull();
        return List.of(field.get("minimum").asDouble(), field.get("maximum").asDouble());
    }

    @Test
    void submittingNeedsTheTokenAndUnknownJobsAre404() throws Exception {
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(uri("/training-jobs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                request("names-x", 1, 500).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(http.send(
                                HttpRequest.newBuilder(uri("/training-jobs/nope"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/training-jobs?page=0&size=5").has("jobs")).isTrue();
    }

    // ---- helpers ----

    /** A number as a number, anything else as a string. */
    private static JsonNode jsonValue(String value) {
        try {
            return JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value));
        } catch (NumberFormatException notANumber) {
            return JSON.getNodeFactory().stringNode(value);
        }
    }

    private static ObjectNode request(String model, int epochs, int limit) {
        ObjectNode request = JSON.createObjectNode()
                .put("model", model)
                .put("dataset", "names")
                .put("limit", limit);
        request.set(
                "architecture",
                JSON.createObjectNode()
                        .put("cell", "gru")
                        .put("layers", 1)
                        .put("hiddenSize", 16)
                        .put("bidirectional", true)
                        .put("embeddingSize", 16));
        request.set(
                "training",
                JSON.createObjectNode()
                        .put("epochs", epochs)
                        .put("batchSize", 64)
                        .put("learningRate", 0.01));
        return request;
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

    private static Predicate<JsonNode> terminal() {
        return job -> List.of("SUCCEEDED", "FAILED", "CANCELLED")
                .contains(job.get("state").asString());
    }

    private JsonNode await(String id, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await("job " + id)
                .atMost(WAIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    JsonNode job = get("/training-jobs/" + id);
                    last.set(job);
                    assertThat(condition.test(job))
                            .as("waiting for job " + id + ": " + job)
                            .isTrue();
                });
        return last.get();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
