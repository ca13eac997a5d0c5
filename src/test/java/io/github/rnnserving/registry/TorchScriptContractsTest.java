package io.github.rnnserving.registry;

import static io.github.rnnserving.support.LiveProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.support.ModelUpload;
import io.github.rnnserving.support.SharedFiles;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Traced TorchScript modules as users save them ({@code torchscript/make_traced_contracts.py}),
 * imported over HTTP into the real service: the probe records the contract it found in {@code
 * model.json}, and {@code /classify} answers several inputs in one request, batched as the
 * contract allows, with PyTorch's probabilities. Modules that cannot serve are a 400 naming
 * {@code torchscript} or the manifest field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TorchScriptContractsTest {

    private static final String TOKEN = "contracts-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double TOLERANCE = 1e-5;
    private static Path models;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonNode fixture = JSON.readTree(resource("traced-contracts.json"));

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        models = Files.createTempDirectory("rnn-torchscript-contracts");
        registry.add("rnn.models-dir", models::toString);
        registry.add("rnn.state-dir", () -> models.resolve(".state").toString());
        registry.add("rnn.security.admin-token", () -> TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rows-lstm-x,         ,                  any",
        "rows-lstm-fixed1,    ,                  one",
        "rows-gru-logsoftmax, log-probabilities, any",
        "rows-gru-softmax,    probabilities,     any",
        "text-gru-x,          ,                  any"
    })
    void aTracedModuleServesWithPyTorchsProbabilities(String module, String outputs, String batch) throws Exception {
        JsonNode expected = fixture.get("modules").get(module);
        boolean text = "texts".equals(expected.get("inputs").asString());
        ObjectNode manifest = text ? textManifest(module) : imageManifest(module);
        if (outputs != null) {
            manifest.put("outputs", outputs);
        }
        HttpResponse<String> created = importModule(manifest.toString(), module + ".pt");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode recorded =
                JSON.readTree(models.resolve(module + "/1/model.json").toFile()).get("moduleContract");
        assertThat(recorded.get("signature").asString()).isEqualTo("x");
        assertThat(recorded.get("batch").asString()).isEqualTo(batch);
        assertThat(recorded.get("outputs").asString()).isEqualTo(outputs == null ? "logits" : outputs);

        ObjectNode request = JSON.createObjectNode().put("model", module);
        request.set(text ? "texts" : "images", fixture.get(text ? "texts" : "images"));
        JsonNode results = post("/classify", request.toString()).get("results");
        JsonNode probabilities = expected.get("probabilities");
        assertThat(results).hasSize(probabilities.size());
        for (int i = 0; i < results.size(); i++) {
            for (JsonNode prediction : results.get(i).get("predictions")) {
                int label = labelIndex(prediction.get("label").asString());
                assertThat(prediction.get("probability").asDouble())
                        .as("%s input %d label %d", module, i, label)
                        .isCloseTo(probabilities.get(i).get(label).asDouble(), within(TOLERANCE));
            }
        }

        DistributionSummary passes =
                meters.get("rnn.serving.batch.size").tag("model", module).summary();
        assertThat(passes.totalAmount()).isEqualTo(probabilities.size());
        if ("one".equals(batch)) {
            assertThat(passes.count()).as("passes of one input each").isEqualTo(probabilities.size());
        } else if (text) {
            // only texts of one length share a pass: lengths 3 (three texts), 5 (two), 2, 1, 4
            assertThat(passes.count()).isEqualTo(5);
        } else {
            assertThat(passes.count()).as("all images in one pass").isEqualTo(1);
        }
        assertExplained(module, text, probabilities.get(0));
    }

    @Test
    void aModuleTracedWithThreeInputsIsRefusedSayingWhatItAnswered() throws Exception {
        JsonNode problem = assertRefused(
                importModule(imageManifest("fixed3").toString(), "rows-lstm-fixed3.pt"), "torchscript", "fixed3");
        assertThat(problem.get("detail").asString())
                .contains("forward(x) with float32 image rows (1, 28, 28)")
                .contains("shape (3, 5)")
                .contains("trace it with one input");
    }

    @Test
    void aModuleThatFailsEveryCallIsRefusedSayingWhatWasTried() throws Exception {
        // a text module sent as an image model: float32 rows into its embedding fail either way
        JsonNode problem = assertRefused(
                importModule(imageManifest("mismatched").toString(), "text-gru-x.pt"), "torchscript", "mismatched");
        assertThat(problem.get("detail").asString())
                .contains("fails on one input")
                .contains("forward(x, lengths) with float32 image rows (1, 28, 28) and int64 lengths (1)")
                .contains("forward(x) with float32 image rows (1, 28, 28)");
    }

    @ParameterizedTest(name = "{0} declared {1}")
    @CsvSource({
        "rows-lstm-x,         log-probabilities",
        "rows-lstm-x,         probabilities",
        "rows-gru-logsoftmax, probabilities",
        "rows-gru-softmax,    log-probabilities"
    })
    void outputsThatAreNotWhatTheManifestDeclaresAreRefused(String module, String outputs) throws Exception {
        String name = "declared-" + outputs + "-" + module;
        ObjectNode manifest = imageManifest(name).put("outputs", outputs);
        JsonNode problem = assertRefused(importModule(manifest.toString(), module + ".pt"), "torchscript", name);
        assertThat(problem.get("detail").asString()).contains("the module does not return " + outputs);
    }

    @Test
    void outputsMustBeOneOfThreeAndOnlyForTorchScript() throws Exception {
        ObjectNode unknown = imageManifest("unknown-outputs").put("outputs", "softmax");
        assertThat(assertRefused(
                                importModule(unknown.toString(), "rows-gru-softmax.pt"),
                                "manifest.outputs",
                                "unknown-outputs")
                        .get("detail")
                        .asString())
                .contains("logits, log-probabilities, probabilities");

        ObjectNode npz = (ObjectNode)
                JSON.readTree(Path.of("docs/examples/golden-gru.model.json").toFile());
        npz.put("name", "npz-outputs").put("outputs", "logits");
        HttpResponse<String> response = importModel(
                npz.toString(),
                "weights",
                Files.readAllBytes(SharedFiles.golden().resolve("text-gru-l1-bi.npz")));
        assertThat(assertRefused(response, "manifest.outputs", "npz-outputs")
                        .get("detail")
                        .asString())
                .contains("TorchScript modules only");
    }

    /** Explain runs every prefix as its own sequence; the whole input's step answers as classify did. */
    private void assertExplained(String module, boolean text, JsonNode probabilities) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("model", module).put("explain", true);
        if (text) {
            request.put("text", fixture.get("texts").get(0).asString());
        } else {
            request.set("image", fixture.get("images").get(0));
        }
        JsonNode steps = post("/classify", request.toString()).get("steps");
        int length = text ? fixture.get("texts").get(0).asString().length() : 28;
        assertThat(steps).hasSize(length);
        JsonNode last = steps.get(length - 1);
        assertThat(last.get("probability").asDouble())
                .isCloseTo(
                        probabilities
                                .get(labelIndex(last.get("label").asString()))
                                .asDouble(),
                        within(TOLERANCE));
    }

    /** The refusal's shape and field; nothing is listed under the name or left in the models folder. */
    private JsonNode assertRefused(HttpResponse<String> response, String field, String name) throws Exception {
        JsonNode problem = assertProblem(response, 400, field);
        assertThat(models.resolve(name)).doesNotExist();
        HttpResponse<String> listed =
                send(HttpRequest.newBuilder(uri("/models")).GET());
        JSON.readTree(listed.body())
                .forEach(model -> assertThat(model.get("name").asString()).isNotEqualTo(name));
        return problem;
    }

    private int labelIndex(String label) {
        for (int i = 0; i < fixture.get("labels").size(); i++) {
            if (fixture.get("labels").get(i).asString().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("unknown label " + label);
    }

    private ObjectNode imageManifest(String name) {
        ObjectNode manifest = JSON.createObjectNode().put("name", name);
        manifest.putObject("input").put("kind", "image-rows").put("rows", 28).put("columns", 28);
        manifest.set("labels", fixture.get("labels"));
        return manifest;
    }

    /** The golden alphabet's vocabulary: padding, unknown, then one character each. */
    private ObjectNode textManifest(String name) {
        List<String> vocabulary = new ArrayList<>(List.of("<pad>", "<unk>"));
        fixture.get("alphabet").asString().chars().forEach(c -> vocabulary.add(Character.toString(c)));
        ObjectNode manifest = JSON.createObjectNode().put("name", name);
        ObjectNode input = manifest.putObject("input")
                .put("kind", "text")
                .put("tokens", "CHARACTERS")
                .put("normalization", "NFKC")
                .put("lowerCase", false)
                .put("maxLength", 100);
        input.set("vocabulary", JSON.valueToTree(vocabulary));
        manifest.set("labels", fixture.get("labels"));
        return manifest;
    }

    private HttpResponse<String> importModule(String manifest, String module) throws Exception {
        try (InputStream in = resource(module)) {
            return importModel(manifest, "torchscript", in.readAllBytes());
        }
    }

    private HttpResponse<String> importModel(String manifest, String part, byte[] file) throws Exception {
        return send(ModelUpload.request(uri("/models"), TOKEN, manifest, part, file));
    }

    private JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static InputStream resource(String name) {
        return TorchScriptContractsTest.class.getResourceAsStream("/torchscript/" + name);
    }
}
