package io.github.rnnserving.web;

import static io.github.rnnserving.support.LiveProblems.assertNoInternals;
import static io.github.rnnserving.support.LiveProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.support.TinyGenerators;
import io.github.rnnserving.support.TinyModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input corpus: every malformed, lenient or misdirected request we know of, replayed over
 * real HTTP against the real service (Tomcat, filters, Spring MVC, the engine), each answered with
 * the expected status as RFC 9457 problem JSON naming the field at fault, carrying the correlation
 * id in header and body alike, and showing nothing of the server's insides.
 *
 * <p>One file, long on purpose: the corpus is one list read top to bottom, and its cases share one
 * started service (a second context per part would double the slowest start of the suite).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BadInputCorpusTest {

    private static final String TOKEN = "corpus-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_TYPE = "application/json";
    private static final String NAMES = "{\"model\":\"names\",";
    private static final String GEN = "{\"model\":\"names-gen\",\"condition\":\"english\",";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        Path models = TinyModels.folderWithNamesAndMnist("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
                .path();
        TinyGenerators.write(
                models,
                "names-gen",
                CellType.GRU,
                1,
                TinyModels.NAME_LABELS,
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                5);
        Path state = Files.createTempDirectory("rnn-corpus-state");
        registry.add("rnn.models-dir", models::toString);
        registry.add("rnn.state-dir", state::toString);
        registry.add("rnn.data-dir", () -> SharedFiles.data().toString());
        registry.add("rnn.security.admin-token", () -> TOKEN);
        registry.add("rnn.limits.max-text-length", () -> "50");
        registry.add("rnn.limits.max-batch-size", () -> "3");
        registry.add("rnn.limits.max-request-bytes", () -> "20000");
        registry.add("rnn.jobs.poll-interval", () -> "200ms");
    }

    /** One bad request: what is sent, and the problem expected back. */
    record Case(
            String name,
            String method,
            String path,
            String contentType,
            byte[] body,
            boolean admin,
            int status,
            String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                        // ---- /classify: the body as JSON ----
                        json("classify: empty body", "/classify", "", 400, null),
                        json("classify: JSON null", "/classify", "null", 400, null),
                        json(
                                "classify: an array instead of an object",
                                "/classify",
                                "[{\"model\":\"names\"}]",
                                400,
                                null),
                        json("classify: a string instead of an object", "/classify", "\"names\"", 400, null),
                        json("classify: malformed JSON", "/classify", NAMES + "\"text\":", 400, null),
                        json("classify: trailing garbage", "/classify", NAMES + "\"text\":\"Abe\"} {}", 400, null),
                        json(
                                "classify: duplicate key",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"text\":\"Bo\"}",
                                400,
                                null),
                        json(
                                "classify: unknown field",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"colour\":\"red\"}",
                                400,
                                "colour"),
                        json("classify: text as a number", "/classify", NAMES + "\"text\":123}", 400, "text"),
                        json(
                                "classify: texts holding a number",
                                "/classify",
                                NAMES + "\"texts\":[\"Abe\",7]}",
                                400,
                                "texts[1]"),
                        json(
                                "classify: model as a number",
                                "/classify",
                                "{\"model\":7,\"text\":\"Abe\"}",
                                400,
                                "model"),
                        json(
                                "classify: topK as a string",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"topK\":\"2\"}",
                                400,
                                "topK"),
                        json(
                                "classify: topK as a fraction",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"topK\":1.5}",
                                400,
                                "topK"),
                        json(
                                "classify: topK as text",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"topK\":\"many\"}",
                                400,
                                "topK"),
                        json(
                                "classify: explain as a string",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"explain\":\"yes\"}",
                                400,
                                "explain"),
                        json(
                                "classify: explain as a number",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"explain\":1}",
                                400,
                                "explain"),
                        json("classify: pixel as a fraction", "/classify", image("1.5"), 400, "image[0][0]"),
                        json("classify: pixel as a string", "/classify", image("\"12\""), 400, "image[0][0]"),
                        json("classify: pixel null", "/classify", image("null"), 400, "image[0][0]"),
                        json("classify: pixel 2^40", "/classify", image("1099511627776"), 400, "image[0][0]"),
                        // ---- /classify: the request against its model (these passed before; kept) ----
                        json(
                                "classify: unknown model",
                                "/classify",
                                "{\"model\":\"nope\",\"text\":\"Abe\"}",
                                404,
                                null),
                        json("classify: no model", "/classify", "{\"text\":\"Abe\"}", 400, "model"),
                        json("classify: blank model", "/classify", "{\"model\":\" \",\"text\":\"Abe\"}", 400, "model"),
                        json(
                                "classify: text to an image model",
                                "/classify",
                                "{\"model\":\"mnist\",\"text\":\"Abe\"}",
                                400,
                                "text"),
                        json(
                                "classify: image to a text model",
                                "/classify",
                                NAMES + "\"image\":" + rows(28, 28, "0") + "}",
                                400,
                                "image"),
                        json(
                                "classify: image of 27 rows",
                                "/classify",
                                "{\"model\":\"mnist\",\"image\":" + rows(27, 28, "0") + "}",
                                400,
                                "image"),
                        json("classify: pixel 256", "/classify", image("256"), 400, "image[0][0]"),
                        json("classify: pixel -1", "/classify", image("-1"), 400, "image[0][0]"),
                        json("classify: empty text", "/classify", NAMES + "\"text\":\"\"}", 400, "text"),
                        json(
                                "classify: blank text in a batch",
                                "/classify",
                                NAMES + "\"texts\":[\"Abe\",\" \"]}",
                                400,
                                "texts[1]"),
                        json("classify: empty batch", "/classify", NAMES + "\"texts\":[]}", 400, "texts"),
                        json(
                                "classify: batch over the limit",
                                "/classify",
                                NAMES + "\"texts\":[\"a\",\"b\",\"c\",\"d\"]}",
                                400,
                                "texts"),
                        json(
                                "classify: text over the length limit",
                                "/classify",
                                NAMES + "\"text\":\"" + "a".repeat(51) + "\"}",
                                400,
                                "text"),
                        json("classify: topK 0", "/classify", NAMES + "\"text\":\"Abe\",\"topK\":0}", 400, "topK"),
                        json(
                                "classify: topK over the labels",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"topK\":4}",
                                400,
                                "topK"),
                        json(
                                "classify: two inputs",
                                "/classify",
                                NAMES + "\"text\":\"Abe\",\"texts\":[\"Abe\"]}",
                                400,
                                "texts"),
                        json("classify: no input", "/classify", "{\"model\":\"names\"}", 400, "text"),
                        json(
                                "classify: bad base64",
                                "/classify",
                                "{\"model\":\"mnist\",\"imageBase64\":\"not-base64!\"}",
                                400,
                                "imageBase64"),
                        json(
                                "classify: base64 of no image",
                                "/classify",
                                "{\"model\":\"mnist\",\"imageBase64\":\""
                                        + Base64.getEncoder()
                                                .encodeToString("no image".getBytes(StandardCharsets.UTF_8))
                                        + "\"}",
                                400,
                                "imageBase64"),
                        json(
                                "classify: unknown polarity",
                                "/classify",
                                "{\"model\":\"mnist\",\"imageBase64\":\"AAAA\"," + "\"polarity\":\"sideways\"}",
                                400,
                                "polarity"),
                        json(
                                "classify: body over the size limit",
                                "/classify",
                                NAMES + "\"text\":\"" + "a".repeat(30000) + "\"}",
                                413,
                                null),
                        // ---- HTTP itself ----
                        raw(
                                "classify: PUT",
                                "PUT",
                                "/classify",
                                JSON_TYPE,
                                NAMES + "\"text\":\"Abe\"}",
                                false,
                                405,
                                null),
                        raw("classify: GET", "GET", "/classify", null, null, false, 405, null),
                        raw("classify: text/plain", "POST", "/classify", "text/plain", "Abe", false, 415, null),
                        raw(
                                "classify: no Content-Type",
                                "POST",
                                "/classify",
                                null,
                                NAMES + "\"text\":\"Abe\"}",
                                false,
                                415,
                                null),
                        raw(
                                "classify: charset \"!!\"",
                                "POST",
                                "/classify",
                                "application/json; charset=\"!!\"",
                                NAMES + "\"text\":\"Abe\"}",
                                false,
                                415,
                                null),
                        raw(
                                "classify: charset klingon",
                                "POST",
                                "/classify",
                                "application/json; charset=klingon",
                                NAMES + "\"text\":\"Abe\"}",
                                false,
                                415,
                                null),
                        raw(
                                "classify: malformed Content-Type",
                                "POST",
                                "/classify",
                                "application/",
                                NAMES + "\"text\":\"Abe\"}",
                                false,
                                415,
                                null),
                        raw(
                                "classify: ;jsessionid in the path",
                                "POST",
                                "/classify;jsessionid=x",
                                JSON_TYPE,
                                "{\"model\":\"nope\",\"text\":\"Abe\"}",
                                false,
                                404,
                                null),
                        raw("no such endpoint", "GET", "/no/such/endpoint", null, null, false, 404, null),
                        raw("no such static file", "GET", "/style.css", null, null, false, 404, null),
                        // one path segment holding a slash: a name no model has, never a way up the folders
                        raw(
                                "an encoded slash in a model name",
                                "GET",
                                "/models/names%2F..%2Fmnist",
                                null,
                                null,
                                false,
                                404,
                                null),
                        raw(
                                "an encoded slash in a job id",
                                "GET",
                                "/training-jobs/a%2Fb",
                                null,
                                null,
                                false,
                                404,
                                null),
                        raw(
                                "query parameter of the wrong type",
                                "GET",
                                "/training-jobs?page=first",
                                null,
                                null,
                                false,
                                400,
                                "page"),
                        // ---- /classify as multipart ----
                        multipart("multipart: no file part", part("model", "mnist"), 400, "file"),
                        multipart("multipart: no model", filePart(), 400, "model"),
                        multipart(
                                "multipart: topK not a number",
                                part("model", "mnist") + part("topK", "many") + filePart(),
                                400,
                                "topK"),
                        multipart(
                                "multipart: explain not a boolean",
                                part("model", "mnist") + part("explain", "maybe") + filePart(),
                                400,
                                "explain"),
                        multipart(
                                "multipart: a file that is no image", part("model", "mnist") + filePart(), 400, "file"),
                        // ---- /training-jobs ----
                        job("jobs: empty body", "", 400, null),
                        job("jobs: JSON null", "null", 400, null),
                        job("jobs: an array", "[" + smallJob("") + "]", 400, null),
                        job("jobs: unknown field", smallJob(",\"colour\":\"red\""), 400, "colour"),
                        job(
                                "jobs: unknown nested field",
                                smallJob(",\"training\":{\"epochs\":1,\"speed\":9}"),
                                400,
                                "training.speed"),
                        job("jobs: model as a number", "{\"model\":123,\"dataset\":\"names\"}", 400, "model"),
                        job(
                                "jobs: epochs as a string",
                                smallJob(",\"training\":{\"epochs\":\"2\"}"),
                                400,
                                "training.epochs"),
                        job(
                                "jobs: epochs as a fraction",
                                smallJob(",\"training\":{\"epochs\":1.5}"),
                                400,
                                "training.epochs"),
                        job(
                                "jobs: learning rate as a string",
                                smallJob(",\"training\":{\"learningRate\":\"0.1\"}"),
                                400,
                                "training.learningRate"),
                        job(
                                "jobs: layers as a word",
                                smallJob(",\"architecture\":{\"layers\":\"two\"}"),
                                400,
                                "architecture.layers"),
                        job(
                                "jobs: bidirectional as a string",
                                smallJob(",\"architecture\":{\"bidirectional\":\"true\"}"),
                                400,
                                "architecture.bidirectional"),
                        job("jobs: unknown promotion", smallJob(",\"promote\":\"sometimes\""), 400, "promote"),
                        job(
                                "jobs: hidden size 0",
                                smallJob(",\"architecture\":{\"hiddenSize\":0}"),
                                400,
                                "architecture.hiddenSize"),
                        job("jobs: unknown dataset", "{\"model\":\"corpus\",\"dataset\":\"klingon\"}", 400, "dataset"),
                        job("jobs: bad model name", "{\"model\":\"Bad Name\",\"dataset\":\"names\"}", 400, "model"),
                        job(
                                "jobs: a path out of the data folder",
                                "{\"model\":\"corpus\",\"format\":\"folder\",\"path\":\"../../etc\"}",
                                400,
                                "path"),
                        job(
                                "jobs: a path that does not exist",
                                "{\"model\":\"corpus\",\"format\":\"folder\",\"path\":\"no/such/dir\"}",
                                400,
                                "path"),
                        job(
                                "jobs: an unknown charset",
                                "{\"model\":\"corpus\",\"format\":\"folder\",\"path\":\"names\","
                                        + "\"charset\":\"!!\"}",
                                400,
                                "charset"),
                        raw(
                                "jobs: without the token",
                                "POST",
                                "/training-jobs",
                                JSON_TYPE,
                                smallJob(""),
                                false,
                                401,
                                null),
                        raw("jobs: unknown job", "GET", "/training-jobs/nope", null, null, false, 404, null),
                        raw(
                                "jobs: cancel an unknown job",
                                "POST",
                                "/training-jobs/nope/cancel",
                                null,
                                null,
                                true,
                                404,
                                null),
                        // ---- /models ----
                        raw("models: unknown model", "GET", "/models/nope", null, null, false, 404, null),
                        raw(
                                "models: promote without the token",
                                "POST",
                                "/models/names/versions/1/promote",
                                null,
                                null,
                                false,
                                401,
                                null),
                        raw(
                                "models: promote an unknown version",
                                "POST",
                                "/models/names/versions/9/promote",
                                null,
                                null,
                                true,
                                404,
                                null),
                        raw(
                                "models: promote a bad name",
                                "POST",
                                "/models/NoPe/versions/1/promote",
                                null,
                                null,
                                true,
                                400,
                                null),
                        raw("models: import as JSON", "POST", "/models", JSON_TYPE, "{}", true, 415, null),
                        // ---- /sessions ----
                        json("sessions: empty body", "/sessions", "", 400, null),
                        json("sessions: no model", "/sessions", "{}", 400, "model"),
                        json("sessions: model as a number", "/sessions", "{\"model\":7}", 400, "model"),
                        json("sessions: unknown field", "/sessions", "{\"model\":\"names\",\"modle\":1}", 400, "modle"),
                        json(
                                "sessions: state as a number",
                                "/sessions",
                                "{\"model\":\"names\",\"state\":5}",
                                400,
                                "state"),
                        json(
                                "sessions: a forged state",
                                "/sessions",
                                "{\"model\":\"names\",\"state\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
                                400,
                                "state"),
                        json(
                                "sessions: an empty state",
                                "/sessions",
                                "{\"model\":\"names\",\"state\":\"\"}",
                                400,
                                "state"),
                        json("sessions: unknown model", "/sessions", "{\"model\":\"nope\"}", 404, null),
                        json(
                                "sessions: unknown version",
                                "/sessions",
                                "{\"model\":\"names\",\"version\":\"9\"}",
                                404,
                                null),
                        json(
                                "sessions: a version that is no number",
                                "/sessions",
                                "{\"model\":\"names\",\"version\":\"../1\"}",
                                404,
                                null),
                        raw("sessions: as text", "POST", "/sessions", "text/plain", "names", false, 415, null),
                        raw("sessions: GET an unknown id", "GET", "/sessions/nope", null, null, false, 404, null),
                        raw("sessions: DELETE an unknown id", "DELETE", "/sessions/nope", null, null, false, 404, null),
                        json("sessions: step of an unknown id", "/sessions/nope/steps", "{\"text\":\"a\"}", 404, null),
                        json("sessions: step, malformed JSON", "/sessions/nope/steps", "{\"text\":", 400, null),
                        json("sessions: step, text as a number", "/sessions/nope/steps", "{\"text\":1}", 400, "text"),
                        json("sessions: step, a null row", "/sessions/nope/steps", "{\"rows\":[null]}", 404, null),
                        json(
                                "sessions: step, a fraction in a row",
                                "/sessions/nope/steps",
                                "{\"rows\":[[1.5]]}",
                                400,
                                "rows[0][0]"),
                        json(
                                "sessions: step, topK as a string",
                                "/sessions/nope/steps",
                                "{\"text\":\"a\",\"topK\":\"1\"}",
                                400,
                                "topK"),
                        // ---- /generate and /score ----
                        json("generate: empty body", "/generate", "", 400, null),
                        json("generate: malformed JSON", "/generate", GEN + "\"count\":", 400, null),
                        json("generate: no model", "/generate", "{\"condition\":\"english\"}", 400, "model"),
                        json("generate: unknown model", "/generate", "{\"model\":\"nope\"}", 404, null),
                        json("generate: a classifier", "/generate", "{\"model\":\"names\"}", 400, "model"),
                        json("generate: no condition", "/generate", "{\"model\":\"names-gen\"}", 400, "condition"),
                        json(
                                "generate: unknown condition",
                                "/generate",
                                "{\"model\":\"names-gen\",\"condition\":\"klingon\"}",
                                400,
                                "condition"),
                        json(
                                "generate: prefix outside the vocabulary",
                                "/generate",
                                GEN + "\"prefix\":\"Ab7\"}",
                                400,
                                "prefix"),
                        json("generate: count over the limit", "/generate", GEN + "\"count\":17}", 400, "count"),
                        json("generate: count as a string", "/generate", GEN + "\"count\":\"2\"}", 400, "count"),
                        json(
                                "generate: maxLength over the limit",
                                "/generate",
                                GEN + "\"maxLength\":65}",
                                400,
                                "maxLength"),
                        json(
                                "generate: temperature below 0",
                                "/generate",
                                GEN + "\"temperature\":-1}",
                                400,
                                "temperature"),
                        json(
                                "generate: temperature over 10",
                                "/generate",
                                GEN + "\"temperature\":11}",
                                400,
                                "temperature"),
                        json("generate: topK below 0", "/generate", GEN + "\"topK\":-2}", 400, "topK"),
                        json("generate: topP 0", "/generate", GEN + "\"topP\":0}", 400, "topP"),
                        json("generate: topP over 1", "/generate", GEN + "\"topP\":2}", 400, "topP"),
                        json("generate: seed as a fraction", "/generate", GEN + "\"seed\":1.5}", 400, "seed"),
                        json("generate: unknown field", "/generate", GEN + "\"temp\":1}", 400, "temp"),
                        raw("generate: as text", "POST", "/generate", "text/plain", "names-gen", false, 415, null),
                        json(
                                "score: no text",
                                "/score",
                                "{\"model\":\"names-gen\",\"condition\":\"english\"}",
                                400,
                                "text"),
                        json("score: a classifier", "/score", "{\"model\":\"names\",\"text\":\"Abe\"}", 400, "model"),
                        json("score: text outside the vocabulary", "/score", GEN + "\"text\":\"Ab€\"}", 400, "text"),
                        json(
                                "score: text over the limit",
                                "/score",
                                GEN + "\"text\":\"" + "a".repeat(51) + "\"}",
                                400,
                                "text"),
                        json(
                                "classify: a generator",
                                "/classify",
                                "{\"model\":\"names-gen\",\"text\":\"Abe\"}",
                                400,
                                "model"),
                        new Case(
                                "models: import without a manifest",
                                "POST",
                                "/models",
                                MULTIPART,
                                (filePart() + END).getBytes(StandardCharsets.UTF_8),
                                true,
                                400,
                                "manifest"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isAProblemWithoutInternals(Case bad) throws Exception {
        HttpResponse<String> response = send(bad, null);

        JsonNode problem = bad.field() == null
                ? assertProblem(response, bad.status())
                : assertProblem(response, bad.status(), bad.field());
        assertThat(problem.path("type").asString()).as(response.body()).startsWith("/problems/");
        String header = response.headers().firstValue(CorrelationId.HEADER).orElse(null);
        assertThat(header).as("correlation header of %s", response.body()).isNotBlank();
        assertThat(problem.path(CorrelationId.KEY).asString())
                .as(response.body())
                .isEqualTo(header);
        if (bad.field() == null) {
            assertThat(problem.has("field")).as("field in %s", response.body()).isFalse();
        }
    }

    /** Bad pieces for an open session, each a problem naming its field; the session goes on after. */
    @Test
    void anOpenSessionRefusesBadPiecesAndGoesOn() throws Exception {
        HttpResponse<String> opened = send(json("open", "/sessions", "{\"model\":\"names\"}", 201, null), null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String steps = "/sessions/" + JSON.readTree(opened.body()).get("id").asString() + "/steps";
        HttpResponse<String> first = send(json("first", steps, "{\"text\":\"ab\"}", 200, null), null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String longText = "{\"text\":\"" + "a".repeat(257) + "\"}";
        for (Case bad : java.util.List.of(
                json("no piece", steps, "{}", 400, "text"),
                json("text and rows", steps, "{\"text\":\"a\",\"rows\":[[1]]}", 400, "rows"),
                json("rows to a text model", steps, "{\"rows\":[[1]]}", 400, "rows"),
                json("a piece over max-text-per-step", steps, longText, 400, "text"),
                json("a piece starting with a combining mark", steps, "{\"text\":\"\\u0301x\"}", 400, "text"),
                json("a piece past the model's length", steps, "{\"text\":\"" + "a".repeat(19) + "\"}", 400, "text"),
                json("topK zero", steps, "{\"text\":\"a\",\"topK\":0}", 400, "topK"),
                json("topK past the labels", steps, "{\"text\":\"a\",\"topK\":99}", 400, "topK"))) {
            HttpResponse<String> response = send(bad, null);
            assertProblem(response, bad.status(), bad.field());
            assertNoInternals(response.body());
        }
        HttpResponse<String> after = send(json("after", steps, "{\"text\":\"c\"}", 200, null), null);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).get("steps").asInt()).isEqualTo(3);
    }

    @Test
    void aWellFormedCorrelationIdIsEchoedAndABadOneReplaced() throws Exception {
        Case unknown = json("unknown model", "/classify", "{\"model\":\"nope\",\"text\":\"Abe\"}", 404, null);
        HttpResponse<String> echoed = send(unknown, "client-42.retry:1");
        assertThat(echoed.headers().firstValue(CorrelationId.HEADER)).hasValue("client-42.retry:1");
        assertThat(JSON.readTree(echoed.body()).path(CorrelationId.KEY).asString())
                .isEqualTo("client-42.retry:1");

        for (String forged : new String[] {"x".repeat(65), "a b", "line\\nbreak", "<script>"}) {
            HttpResponse<String> replaced = send(unknown, forged);
            String id = replaced.headers().firstValue(CorrelationId.HEADER).orElseThrow();
            assertThat(id).isNotEqualTo(forged);
            assertThat(UUID.fromString(id)).isNotNull();
            assertThat(JSON.readTree(replaced.body()).path(CorrelationId.KEY).asString())
                    .isEqualTo(id);
        }
    }

    @Test
    void successfulAnswersCarryTheCorrelationIdToo() throws Exception {
        HttpResponse<String> ok = send(json("ok", "/classify", NAMES + "\"text\":\"Abe\"}", 200, null), null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue(CorrelationId.HEADER)).isPresent();

        // a path parameter is not another endpoint: no token is needed, as for /classify itself
        HttpResponse<String> withSession = send(
                raw(
                        "jsessionid",
                        "POST",
                        "/classify;jsessionid=x",
                        JSON_TYPE,
                        NAMES + "\"text\":\"Abe\"}",
                        false,
                        200,
                        null),
                null);
        assertThat(withSession.statusCode()).as(withSession.body()).isEqualTo(200);
    }

    @Test
    void aJobThatFailsSaysWhyWithoutServerPaths() throws Exception {
        // the names folder holds no IDX files: the job is accepted and fails when it reads them
        HttpResponse<String> accepted = send(
                job(
                        "idx",
                        "{\"model\":\"corpus-fails\",\"format\":\"idx\","
                                + "\"path\":\"names\",\"limit\":100,\"training\":{\"epochs\":1}}",
                        202,
                        null),
                null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asString();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await("job " + id + " failing")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode polled = JSON.readTree(
                            send(raw("get", "GET", "/training-jobs/" + id, null, null, false, 200, null), null)
                                    .body());
                    last.set(polled);
                    assertThat(polled.get("state").asString())
                            .as(polled.toString())
                            .isEqualTo("FAILED");
                });
        JsonNode job = last.get();
        String failure = job.get("failure").asString();
        assertThat(failure).isNotBlank();
        assertNoInternals(failure);
        assertThat(failure).doesNotContain(SharedFiles.data().toAbsolutePath().toString());
    }

    // ---- the corpus's building blocks ----

    private static final String BOUNDARY = "corpus-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String END = "--" + BOUNDARY + "--\r\n";

    private static Case json(String name, String path, String body, int status, String field) {
        return new Case(name, "POST", path, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), false, status, field);
    }

    private static Case raw(
            String name,
            String method,
            String path,
            String contentType,
            String body,
            boolean admin,
            int status,
            String field) {
        return new Case(
                name,
                method,
                path,
                contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                admin,
                status,
                field);
    }

    private static Case job(String name, String body, int status, String field) {
        return new Case(
                name, "POST", "/training-jobs", JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), true, status, field);
    }

    private static Case multipart(String name, String parts, int status, String field) {
        return new Case(
                name,
                "POST",
                "/classify",
                MULTIPART,
                (parts + END).getBytes(StandardCharsets.UTF_8),
                false,
                status,
                field);
    }

    private static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String filePart() {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nthese bytes are no image\r\n";
    }

    private static String smallJob(String more) {
        return "{\"model\":\"corpus\",\"dataset\":\"names\",\"limit\":100" + more + "}";
    }

    /** A 28×28 mnist request whose first pixel is {@code first}, written as JSON text. */
    private static String image(String first) {
        String rows = rows(28, 28, "0");
        return "{\"model\":\"mnist\",\"image\":[[" + first + rows.substring(3) + "}";
    }

    private static String rows(int rows, int columns, String pixel) {
        String row = "["
                + String.join(
                        ",", Arrays.stream(new String[columns]).map(x -> pixel).toList()) + "]";
        return "["
                + String.join(",", Arrays.stream(new String[rows]).map(x -> row).toList()) + "]";
    }

    private HttpResponse<String> send(Case bad, String correlationId) throws Exception {
        // the path goes out as written: %2F and ;jsessionid are what is under test
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + bad.path()))
                .timeout(Duration.ofSeconds(30));
        HttpRequest.BodyPublisher body = bad.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bad.body());
        request.method(bad.method(), body);
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        if (bad.admin()) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        if (correlationId != null) {
            request.header(CorrelationId.HEADER, correlationId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
