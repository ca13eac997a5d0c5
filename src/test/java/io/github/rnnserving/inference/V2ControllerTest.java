package io.github.rnnserving.inference;

import static io.github.rnnserving.support.TinyModels.DIGIT_LABELS;
import static io.github.rnnserving.support.TinyModels.NAME_LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.github.rnnserving.classify.ClassificationService;
import io.github.rnnserving.serving.ServingEngine;
import io.github.rnnserving.support.Mvc;
import io.github.rnnserving.support.TinyModelsConfig;
import io.github.rnnserving.web.AdminToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol's REST binding over MockMvc, with the real service, engine, filters
 * and error handlers, serving two tiny untrained models ("names": text, "mnist": 28×28 images)
 * beside {@code /classify}. Request and response objects are checked field by field against the
 * protocol's specification (inference_rest.md / open_inference_rest.yaml), and results against
 * {@code /classify}'s for the same inputs.
 */
@WebMvcTest(
        controllers = V2Controller.class,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.ClassifyController"))
@Import({
    V2Inference.class,
    V2ErrorFormat.class,
    ClassificationService.class,
    ServingEngine.class,
    AdminToken.class,
    ApplicationAvailabilityBean.class,
    TinyModelsConfig.class
})
@TestPropertySource(
        properties = {
            "rnn.security.admin-token=test-token",
            "rnn.limits.max-request-bytes=20000",
            "rnn.limits.max-batch-size=3",
            "rnn.limits.max-text-length=50",
            "rnn.serving.forward-workers=1"
        })
class V2ControllerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void serverHealthAndMetadataAnswerAsTheSpecificationShapesThem() throws Exception {
        JsonNode live = ok(get("/v2/health/live"));
        assertThat(live.propertyNames()).containsExactly("live");
        assertThat(live.get("live").asBoolean()).isTrue();
        JsonNode ready = ok(get("/v2/health/ready"));
        assertThat(ready.get("ready").asBoolean()).isTrue();

        JsonNode server = ok(get("/v2"));
        assertThat(server.propertyNames()).containsExactlyInAnyOrder("name", "version", "extensions");
        assertThat(server.get("name").asString()).isEqualTo("rnn-serving");
        assertThat(server.get("version").isString()).isTrue();
        assertThat(server.get("extensions").isArray()).isTrue();
    }

    @Test
    void modelMetadataNamesTensorsWithDatatypeAndShape() throws Exception {
        JsonNode names = ok(get("/v2/models/names"));
        assertThat(names.get("name").asString()).isEqualTo("names");
        assertThat(names.get("platform").asString()).isEqualTo("rnnserving_npz");
        assertThat(names.get("versions").get(0).asString()).isEqualTo("1");
        assertThat(names.get("inputs").toString())
                .isEqualTo("[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        assertThat(names.get("outputs").get(0).toString())
                .isEqualTo("{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,3]}");
        assertThat(names.get("outputs").get(1).toString())
                .isEqualTo("{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}");
        assertThat(names.get("parameters").get("labels").toString())
                .isEqualTo("[\"english\",\"japanese\",\"russian\"]");

        JsonNode mnist = ok(get("/v2/models/mnist/versions/1"));
        assertThat(mnist.get("inputs").toString())
                .isEqualTo("[{\"name\":\"image\",\"datatype\":\"UINT8\",\"shape\":[-1,28,28]}]");

        JsonNode modelReady = ok(get("/v2/models/names/ready"));
        assertThat(modelReady.toString()).isEqualTo("{\"name\":\"names\",\"ready\":true}");
        assertThat(ok(get("/v2/models/names/versions/1/ready")).get("ready").asBoolean())
                .isTrue();
    }

    @Test
    void textInferenceEqualsClassifyForABatch() throws Exception {
        List<String> texts = List.of("Nakamura", "Smith", "Ivanov");
        JsonNode answer = ok(post("/v2/models/names/infer")
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of(
                        "id",
                        "req-7",
                        "parameters",
                        Map.of("top_k", 2),
                        "inputs",
                        List.of(Map.of("name", "text", "shape", List.of(3), "datatype", "BYTES", "data", texts))))));
        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("model_name", "model_version", "id", "outputs");
        assertThat(answer.get("model_name").asString()).isEqualTo("names");
        assertThat(answer.get("model_version").asString()).isEqualTo("1");
        assertThat(answer.get("id").asString()).isEqualTo("req-7");
        JsonNode outputs = answer.get("outputs");
        assertThat(outputs.size()).isEqualTo(4);
        for (JsonNode output : outputs) {
            assertThat(output.propertyNames()).containsExactlyInAnyOrder("name", "shape", "datatype", "data");
        }
        assertThat(outputs.get(0).get("name").asString()).isEqualTo("probabilities");
        assertThat(outputs.get(0).get("shape").toString()).isEqualTo("[3,3]");
        assertThat(outputs.get(0).get("datatype").asString()).isEqualTo("FP32");
        assertThat(outputs.get(1).get("shape").toString()).isEqualTo("[3]");
        assertThat(outputs.get(2).get("name").asString()).isEqualTo("top_labels");
        assertThat(outputs.get(2).get("shape").toString()).isEqualTo("[3,2]");
        assertThat(outputs.get(3).get("datatype").asString()).isEqualTo("FP32");

        JsonNode classify = ok(post("/classify")
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("model", "names", "texts", texts))));
        assertSameAsClassify(outputs, classify, NAME_LABELS);
    }

    @Test
    void imageInferenceEqualsClassifyForNestedAndFlatData() throws Exception {
        List<List<List<Integer>>> images = List.of(image(3), image(11));
        List<Integer> flat = new ArrayList<>();
        images.forEach(image -> image.forEach(flat::addAll));
        JsonNode nested = ok(infer(
                "mnist", Map.of("name", "image", "shape", List.of(2, 28, 28), "datatype", "UINT8", "data", images)));
        JsonNode fp32 = ok(
                infer("mnist", Map.of("name", "image", "shape", List.of(2, 28, 28), "datatype", "FP32", "data", flat)));
        JsonNode classify = ok(post("/classify")
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("model", "mnist", "images", images))));
        assertSameAsClassify(nested.get("outputs"), classify, DIGIT_LABELS);
        assertThat(fp32.get("outputs").toString())
                .isEqualTo(nested.get("outputs").toString());
        assertThat(nested.get("outputs").get(0).get("shape").toString()).isEqualTo("[2,10]");
    }

    @Test
    void requestedOutputsAloneAreReturned() throws Exception {
        JsonNode answer = ok(post("/v2/models/names/versions/1/infer")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                        "{\"inputs\":[{\"name\":\"text\",\"shape\":[1,1],\"datatype\":\"BYTES\",\"data\":[[\"Smith\"]]}],"
                                + "\"outputs\":[{\"name\":\"label\"}]}"));
        assertThat(answer.has("id")).isFalse();
        assertThat(answer.get("outputs").size()).isEqualTo(1);
        assertThat(answer.get("outputs").get(0).get("name").asString()).isEqualTo("label");
        assertThat(NAME_LABELS)
                .contains(answer.get("outputs").get(0).get("data").get(0).asString());
    }

    @Test
    void badRequestsAreProtocolErrorsWithTheRightStatus() throws Exception {
        String text = "{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"Smith\"]}";
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"INT32\",\"data\":[1]}]}"),
                400,
                "takes datatype BYTES");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"inputs\":[{\"name\":\"text\",\"shape\":[2],\"datatype\":\"BYTES\",\"data\":[\"Smith\"]}]}"),
                400,
                "holds 1 values; shape [2] needs 2");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"Smith\"]}]}"),
                400,
                "reads one input named 'text'");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"inputs\":[{\"name\":\"text\",\"shape\":[4],\"datatype\":\"BYTES\",\"data\":[\"a\",\"b\",\"c\",\"d\"]}]}"),
                400,
                "1 to 3 inputs (rnn.limits.max-batch-size)");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\""
                                + "a".repeat(51) + "\"]}]}"),
                400,
                "has 51 characters; the limit is 50");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[" + text + "],\"outputs\":[{\"name\":\"logits\"}]}"),
                400,
                "outputs[0] names 'logits'");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[" + text + "],\"parameters\":{\"top_k\":9}}"),
                400,
                "top_k must be a whole number from 1 to 3");
        error(
                post("/v2/models/mnist/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[{\"name\":\"image\",\"shape\":[1,28,28],\"datatype\":\"FP32\",\"data\":"
                                + pixels("0.5") + "}]}"),
                400,
                "FP32 pixels must be whole numbers");
        error(
                post("/v2/models/mnist/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[{\"name\":\"image\",\"shape\":[1,28,28],\"datatype\":\"UINT8\",\"data\":"
                                + pixels("256") + "}]}"),
                400,
                "pixels are 0 to 255");
        error(
                post("/v2/models/mnist/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[{\"name\":\"image\",\"shape\":[1,14,56],\"datatype\":\"UINT8\",\"data\":"
                                + pixels("1") + "}]}"),
                400,
                "has shape [n, 28, 28]");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\": ["),
                400,
                "");
        error(
                post("/v2/models/nobody/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[" + text + "]}"),
                404,
                "no model named 'nobody'");
        error(
                post("/v2/models/names/versions/9/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[" + text + "]}"),
                404,
                "has no version '9'");
        error(get("/v2/models/nobody"), 404, "no model named 'nobody'");
        error(get("/v2/models/names/versions/9/ready"), 404, "has no version '9'");
        error(post("/v2/models/names/infer").contentType(MediaType.TEXT_PLAIN).content("Smith"), 415, "");
        error(
                put("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"),
                405,
                "");
        error(get("/v2/no/such/path"), 404, "");
        error(
                post("/v2/models/names/infer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\""
                                + "a".repeat(20001) + "\"]}]}"),
                413,
                "exceeds the limit of 20000 bytes");
    }

    private static String pixels(String value) {
        return "[" + String.join(",", java.util.Collections.nCopies(784, value)) + "]";
    }

    private static List<List<Integer>> image(int seed) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int r = 0; r < 28; r++) {
            List<Integer> row = new ArrayList<>();
            for (int c = 0; c < 28; c++) {
                row.add((r * 31 + c * 17 + seed * 7) % 256);
            }
            rows.add(row);
        }
        return rows;
    }

    private RequestBuilder infer(String model, Map<String, Object> input) {
        return post("/v2/models/" + model + "/infer")
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("inputs", List.of(input))));
    }

    /** probabilities (label order) and label equal /classify's sorted predictions, input by input. */
    private static void assertSameAsClassify(JsonNode outputs, JsonNode classify, List<String> labels) {
        JsonNode probabilities = outputs.get(0).get("data");
        JsonNode label = outputs.get(1).get("data");
        JsonNode results = classify.get("results");
        for (int i = 0; i < results.size(); i++) {
            JsonNode predictions = results.get(i).get("predictions");
            assertThat(label.get(i).asString())
                    .isEqualTo(predictions.get(0).get("label").asString());
            for (JsonNode prediction : predictions) {
                int column = labels.indexOf(prediction.get("label").asString());
                assertThat(probabilities.get(i * labels.size() + column).asDouble())
                        .isCloseTo(prediction.get("probability").asDouble(), within(1e-6));
            }
        }
    }

    private JsonNode ok(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = Mvc.perform(mvc, request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
        return JSON.readTree(response.getContentAsString());
    }

    /** The protocol's error object: {"error": string} and nothing else, with the status. */
    private void error(RequestBuilder request, int status, String words) throws Exception {
        MockHttpServletResponse response = Mvc.perform(mvc, request).andReturn().getResponse();
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getContentType()).as(body).startsWith(MediaType.APPLICATION_JSON_VALUE);
        JsonNode json = JSON.readTree(body);
        assertThat(json.propertyNames()).as(body).containsExactly("error");
        assertThat(json.get("error").asString()).isNotBlank().contains(words).doesNotContain("java.", "Exception");
    }
}
