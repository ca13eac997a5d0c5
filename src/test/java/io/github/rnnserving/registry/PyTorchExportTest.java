package io.github.rnnserving.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.support.ModelUpload;
import io.github.rnnserving.support.SystemPython;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
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
 * tools/export_for_rnn_serving.py as a PyTorch user runs it: {@code export/user_models.py} (under
 * Debian's python3-torch) builds modules the way users write them (a row-LSTM named {@code lstm}
 * and {@code fc} trained briefly on real Fashion-MNIST images, a text model with its own module
 * names, a two-layer bidirectional GRU and {@code out[:, -1]}), exports them as .npz through the
 * Python API and the command line and as a traced module, and records PyTorch's probabilities;
 * here the service imports each export over HTTP and must give the same probabilities (1e-5),
 * several inputs batched in one request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PyTorchExportTest {

    private static final String TOKEN = "export-test-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    private static Path exports;
    private static JsonNode expected;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws Exception {
        registry.add("rnn.models-dir", () -> temporary("rnn-export-models"));
        registry.add("rnn.state-dir", () -> temporary("rnn-export-state"));
        registry.add("rnn.security.admin-token", () -> TOKEN);
    }

    @BeforeAll
    static void exportAsAUserWould() throws Exception {
        assertThat(FASHION).as("Debian's dataset-fashion-mnist").isDirectory();
        exports = Files.createTempDirectory("rnn-exports");
        SystemPython.run(
                Path.of("src/test/resources/export/user_models.py").toAbsolutePath(),
                Path.of("tools").toAbsolutePath().toString(),
                exports.toString(),
                FASHION.toString());
        expected = JSON.readTree(exports.resolve("expected.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rows-npz", "rows-cli", "text-npz", "rows-traced"})
    void importedExportsAnswerAsPyTorchDid(String name) throws Exception {
        JsonNode export = expected.get("cases").get(name);
        Path folder = exports.resolve(name);
        String manifest = Files.readString(folder.resolve("model.json"));
        HttpResponse<String> imported = http.send(
                ModelUpload.request(
                                uri("/models"),
                                TOKEN,
                                manifest,
                                export.get("part").asString(),
                                Files.readAllBytes(
                                        folder.resolve(export.get("file").asString())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

        String kind = export.get("kind").asString();
        ObjectNode request = JSON.createObjectNode();
        request.put("model", export.get("model").asString());
        request.set(kind, expected.get(kind));
        request.put("topK", export.get("probabilities").get(0).size());
        JsonNode results = classify(request).get("results");
        List<String> labels = labels(manifest);
        for (int i = 0; i < results.size(); i++) {
            assertSame(export.get("probabilities").get(i), results.get(i).get("predictions"), labels, name + " #" + i);
        }
        // and one input alone, which the service does not batch with others
        ObjectNode alone = JSON.createObjectNode();
        alone.put("model", export.get("model").asString());
        alone.set(kind.equals("images") ? "image" : "text", expected.get(kind).get(1));
        alone.put("topK", labels.size());
        assertSame(export.get("probabilities").get(1), classify(alone).get("predictions"), labels, name + " alone");
    }

    @Test
    void theToolRefusesWhatWeightsAloneCannotCarry() {
        JsonNode refusals = expected.get("refusals");
        assertThat(refusals.get("wrong-summary").asString())
                .contains("forward does not pool the outputs as summary 'mean' says")
                .contains("summary 'last' gives the same answers");
        assertThat(refusals.get("extra-layer").asString())
                .contains("extra.weight, extra.bias")
                .contains("use export_torchscript");
    }

    private static void assertSame(JsonNode pytorch, JsonNode predictions, List<String> labels, String what) {
        assertThat(predictions).as(what).hasSize(labels.size());
        for (JsonNode prediction : predictions) {
            int index = labels.indexOf(prediction.get("label").asString());
            assertThat(prediction.get("probability").asDouble())
                    .as(what + " " + prediction.get("label").asString())
                    .isCloseTo(pytorch.get(index).asDouble(), within(1e-5));
        }
    }

    private static List<String> labels(String manifest) {
        List<String> labels = new ArrayList<>();
        ((ArrayNode) JSON.readTree(manifest).get("labels")).forEach(label -> labels.add(label.asString()));
        return labels;
    }

    private JsonNode classify(ObjectNode request) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/classify"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String temporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
