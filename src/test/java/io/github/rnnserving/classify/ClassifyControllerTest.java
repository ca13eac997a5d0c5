package io.github.rnnserving.classify;

import static io.github.rnnserving.support.ProblemMatchers.invalid;
import static io.github.rnnserving.support.ProblemMatchers.problem;
import static io.github.rnnserving.support.TinyModels.DIGIT_LABELS;
import static io.github.rnnserving.support.TinyModels.NAME_LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.serving.HeldWorker;
import io.github.rnnserving.serving.ServingEngine;
import io.github.rnnserving.serving.Submission;
import io.github.rnnserving.support.Mvc;
import io.github.rnnserving.support.TinyModelsConfig;
import io.github.rnnserving.web.AdminToken;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /classify} over MockMvc with the real service, filters and problem handler, serving
 * two tiny untrained models from a temporary folder: a character GRU "names" and an image-rows GRU
 * "mnist".
 *
 * <p>Long on purpose: the cases are the contract of one endpoint read in one place, and they share
 * one MockMvc context and its two models.
 */
@WebMvcTest(ClassifyController.class)
@Import({ClassificationService.class, ServingEngine.class, AdminToken.class, TinyModelsConfig.class})
@TestPropertySource(
        properties = {
            "rnn.security.admin-token=test-token",
            "rnn.limits.max-request-bytes=2000",
            "rnn.limits.max-batch-size=3",
            "rnn.limits.max-text-length=50",
            "rnn.serving.queue-capacity=4",
            "rnn.serving.forward-workers=1",
            "rnn.limits.max-explain-work=500"
        })
class ClassifyControllerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ServingEngine engine;

    // ---- 200 ----

    @Test
    void classifiesATextWithEveryLabelMostProbableFirst() throws Exception {
        JsonNode answer = read(classify("{\"model\":\"names\",\"text\":\"Nakamura\"}")
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.model").value("names"))
                .andExpect(jsonPath("$.version").value("1")));

        assertProbabilities(answer.get("predictions"), NAME_LABELS);
        assertThat(answer.has("results")).isFalse();
        assertThat(answer.has("steps")).isFalse();
    }

    @Test
    void honoursTopK() throws Exception {
        JsonNode all =
                read(classify("{\"model\":\"names\",\"text\":\"Ivanov\"}").andExpect(status().isOk()));
        JsonNode top = read(
                classify("{\"model\":\"names\",\"text\":\"Ivanov\",\"topK\":2}").andExpect(status().isOk()));

        JsonNode predictions = top.get("predictions");
        assertThat(predictions).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(predictions.get(i).get("label").asString())
                    .isEqualTo(all.get("predictions").get(i).get("label").asString());
            assertThat(predictions.get(i).get("probability").asDouble())
                    .isCloseTo(all.get("predictions").get(i).get("probability").asDouble(), within(1e-6));
        }
    }

    @Test
    void classifiesABatchOfTextsInOrder() throws Exception {
        JsonNode single =
                read(classify("{\"model\":\"names\",\"text\":\"Smith\"}").andExpect(status().isOk()));
        JsonNode batch = read(classify("{\"model\":\"names\",\"texts\":[\"Ivanov\",\"Smith\"]}")
                .andExpect(status().isOk()));

        assertThat(batch.has("predictions")).isFalse();
        assertThat(batch.get("results")).hasSize(2);
        JsonNode second = batch.get("results").get(1).get("predictions");
        assertProbabilities(second, NAME_LABELS);
        assertThat(second.get(0).get("label").asString())
                .isEqualTo(single.get("predictions").get(0).get("label").asString());
        assertThat(second.get(0).get("probability").asDouble())
                .isCloseTo(single.get("predictions").get(0).get("probability").asDouble(), within(1e-5));
    }

    @Test
    void explainsATextStepByStep() throws Exception {
        JsonNode answer = read(classify("{\"model\":\"names\",\"text\":\"Abe\",\"explain\":true}")
                .andExpect(status().isOk()));

        JsonNode steps = answer.get("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).get("step").asInt()).isEqualTo(1);
        assertThat(steps.get(0).get("token").asString()).isEqualTo("A");
        assertThat(steps.get(2).get("label").asString())
                .isEqualTo(answer.get("predictions").get(0).get("label").asString());
        assertThat(steps.get(2).get("probability").asDouble())
                .isCloseTo(answer.get("predictions").get(0).get("probability").asDouble(), within(1e-5));
        assertThat(answer.get("stepsExplained").asString()).isEqualTo(ClassificationService.UNIDIRECTIONAL_STEPS);
    }

    @Test
    void explainGivesEachStepTheTopKLabelsOfThatPrefix() throws Exception {
        JsonNode answer = read(classify("{\"model\":\"names\",\"text\":\"Abe\",\"topK\":2,\"explain\":true}")
                .andExpect(status().isOk()));

        JsonNode steps = answer.get("steps");
        assertThat(steps).hasSize(3);
        for (int k = 0; k < 3; k++) {
            JsonNode step = steps.get(k);
            JsonNode top = step.get("top");
            assertThat(top).hasSize(2);
            assertDescending(top);
            // the old fields stay, and are the first of the new list
            assertThat(top.get(0).get("label").asString())
                    .isEqualTo(step.get("label").asString());
            assertThat(top.get(0).get("probability").asDouble())
                    .isCloseTo(step.get("probability").asDouble(), within(1e-9));
            // a unidirectional model's step k is the answer for the text's first k characters
            JsonNode prefix =
                    read(classify("{\"model\":\"names\",\"text\":\"" + "Abe".substring(0, k + 1) + "\",\"topK\":2}")
                            .andExpect(status().isOk()));
            for (int i = 0; i < 2; i++) {
                assertThat(top.get(i).get("label").asString())
                        .isEqualTo(prefix.get("predictions").get(i).get("label").asString());
                assertThat(top.get(i).get("probability").asDouble())
                        .isCloseTo(
                                prefix.get("predictions")
                                        .get(i)
                                        .get("probability")
                                        .asDouble(),
                                within(1e-5));
            }
        }
    }

    @Test
    void explainWithoutTopKGivesEachStepEveryLabel() throws Exception {
        String request = JSON.writeValueAsString(Map.of("model", "mnist", "image", digitOne(), "explain", true));
        JsonNode steps = read(classify(request).andExpect(status().isOk())).get("steps");

        assertThat(steps).hasSize(28);
        steps.forEach(step -> assertProbabilities(step.get("top"), DIGIT_LABELS));
    }

    @Test
    void aBatchExplainedGivesEveryInputsStepsTheirTopK() throws Exception {
        JsonNode results = read(classify("{\"model\":\"names\",\"texts\":[\"Li\",\"Abe\"],\"topK\":3,\"explain\":true}")
                        .andExpect(status().isOk()))
                .get("results");

        assertThat(results.get(0).get("steps")).hasSize(2);
        assertThat(results.get(1).get("steps")).hasSize(3);
        results.forEach(result -> result.get("steps").forEach(step -> {
            assertThat(step.get("top")).hasSize(3);
            assertDescending(step.get("top"));
        }));
    }

    @Test
    void classifiesA28By28Image() throws Exception {
        JsonNode answer = read(classify(imageRequest("mnist", digitOne()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model").value("mnist")));

        assertProbabilities(answer.get("predictions"), DIGIT_LABELS);
    }

    @Test
    void explainsAnImageRowByRow() throws Exception {
        String request = JSON.writeValueAsString(Map.of("model", "mnist", "image", digitOne(), "explain", true));
        JsonNode answer = read(classify(request).andExpect(status().isOk()));

        JsonNode steps = answer.get("steps");
        assertThat(steps).hasSize(28);
        assertThat(steps.get(27).get("step").asInt()).isEqualTo(28);
        assertThat(steps.get(27).get("label").asString())
                .isEqualTo(answer.get("predictions").get(0).get("label").asString());
        assertThat(steps.get(27).get("probability").asDouble())
                .isCloseTo(answer.get("predictions").get(0).get("probability").asDouble(), within(1e-5));
    }

    @Test
    void classifiesAnUploadedPng() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "one.png", MediaType.IMAGE_PNG_VALUE, png(digitOne()));

        JsonNode answer = read(Mvc.perform(
                        mvc,
                        multipart("/classify")
                                .file(file)
                                .param("model", "mnist")
                                .param("topK", "4"))
                .andExpect(status().isOk()));

        JsonNode predictions = answer.get("predictions");
        assertThat(predictions).hasSize(4);
        assertDescending(predictions);
    }

    // ---- 404 ----

    @Test
    void unknownModelIs404() throws Exception {
        classify("{\"model\":\"nope\",\"text\":\"Nakamura\"}")
                .andExpect(problem(404, "Model not found"))
                .andExpect(jsonPath("$.detail").value(containsString("'nope'")));
    }

    // ---- 400: the request against its model ----

    @Test
    void missingModelIs400() throws Exception {
        classify("{\"text\":\"Nakamura\"}").andExpect(invalid("model"));
        classify("{\"model\":\" \",\"text\":\"Nakamura\"}").andExpect(invalid("model"));
    }

    @Test
    void textToTheImageModelIs400() throws Exception {
        classify("{\"model\":\"mnist\",\"text\":\"Nakamura\"}")
                .andExpect(invalid("text"))
                .andExpect(jsonPath("$.detail").value(containsString("reads 28×28 images")));
        classify("{\"model\":\"mnist\",\"texts\":[\"Nakamura\"]}").andExpect(invalid("texts"));
    }

    @Test
    void imageToTheTextModelIs400() throws Exception {
        classify(imageRequest("names", digitOne()))
                .andExpect(invalid("image"))
                .andExpect(jsonPath("$.detail").value(containsString("reads text")));
        classify("{\"model\":\"names\",\"imageBase64\":\"AAAA\"}").andExpect(invalid("imageBase64"));
    }

    @Test
    void imageWithTheWrongNumberOfRowsIs400() throws Exception {
        int[][] short27 = new int[27][28];

        classify(imageRequest("mnist", short27))
                .andExpect(invalid("image"))
                .andExpect(jsonPath("$.detail").value("image must have 28 rows, got 27"));
    }

    @Test
    void imageRowOfTheWrongLengthIs400() throws Exception {
        int[][] image = new int[28][28];
        image[3] = new int[27];

        classify(imageRequest("mnist", image))
                .andExpect(invalid("image[3]"))
                .andExpect(jsonPath("$.detail").value("image[3] must have 28 pixels, got 27"));
    }

    @Test
    void pixelOutOfRangeIs400() throws Exception {
        int[][] image = new int[28][28];
        image[2][5] = 256;

        classify(imageRequest("mnist", image))
                .andExpect(invalid("image[2][5]"))
                .andExpect(jsonPath("$.detail").value("image[2][5] is 256; pixels are 0 to 255"));

        image[2][5] = -1;
        classify(imageRequest("mnist", image)).andExpect(invalid("image[2][5]"));
    }

    @Test
    void emptyTextIs400() throws Exception {
        classify("{\"model\":\"names\",\"text\":\"\"}")
                .andExpect(invalid("text"))
                .andExpect(jsonPath("$.detail").value("text is empty"));
        classify("{\"model\":\"names\",\"text\":\"   \"}").andExpect(invalid("text"));
        classify("{\"model\":\"names\",\"texts\":[\"Smith\",\"\"]}").andExpect(invalid("texts[1]"));
    }

    @Test
    void textOverTheLengthLimitIs400() throws Exception {
        String longText = "a".repeat(51);

        classify("{\"model\":\"names\",\"text\":\"" + longText + "\"}")
                .andExpect(invalid("text"))
                .andExpect(jsonPath("$.detail").value("text has 51 characters; the limit is 50"));
        classify("{\"model\":\"names\",\"text\":\"" + "a".repeat(50) + "\"}").andExpect(status().isOk());
    }

    @Test
    void batchOverTheLimitIs400() throws Exception {
        classify("{\"model\":\"names\",\"texts\":[\"a\",\"b\",\"c\",\"d\"]}")
                .andExpect(invalid("texts"))
                .andExpect(jsonPath("$.detail").value("texts holds 4 items; a batch holds 1 to 3"));
        classify("{\"model\":\"names\",\"texts\":[]}").andExpect(invalid("texts"));
    }

    @Test
    void undecodableImageBase64Is400() throws Exception {
        // nine base64 letters: the last unit is one character short
        classify("{\"model\":\"mnist\",\"imageBase64\":\"not-base64!\"}")
                .andExpect(invalid("imageBase64"))
                .andExpect(jsonPath("$.detail").value(containsString("not valid base64")));

        String garbage =
                Base64.getEncoder().encodeToString("these bytes are no image".getBytes(StandardCharsets.UTF_8));
        classify("{\"model\":\"mnist\",\"imageBase64\":\"" + garbage + "\"}").andExpect(invalid("imageBase64"));
    }

    @Test
    void unknownPolarityIs400() throws Exception {
        String image = Base64.getEncoder().encodeToString(png(digitOne()));

        classify("{\"model\":\"mnist\",\"imageBase64\":\"" + image + "\",\"polarity\":\"sideways\"}")
                .andExpect(invalid("polarity"));
    }

    @Test
    void topKOutOfRangeIs400() throws Exception {
        // below 1 for any model: the request's own constraint; above the labels: the model's bound
        classify("{\"model\":\"names\",\"text\":\"Smith\",\"topK\":0}")
                .andExpect(invalid("topK"))
                .andExpect(jsonPath("$.detail").value("topK must be at least 1, got 0"));
        classify("{\"model\":\"names\",\"text\":\"Smith\",\"topK\":4}")
                .andExpect(invalid("topK"))
                .andExpect(jsonPath("$.detail").value("topK must be 1 to 3 for this model"));
    }

    @Test
    void constraintViolationsNameTheFieldByItsJsonPath() throws Exception {
        classify("{\"model\":\"names\",\"texts\":[\"Smith\",\" \"]}")
                .andExpect(invalid("texts[1]"))
                .andExpect(jsonPath("$.type").value("/problems/invalid-input"))
                .andExpect(jsonPath("$.detail").value("texts[1] is empty"));
        classify("{\"model\":\"names\",\"texts\":[]}")
                .andExpect(invalid("texts"))
                .andExpect(jsonPath("$.detail").value("texts must hold at least one text"));
        classify("{\"model\":\"mnist\",\"images\":[]}")
                .andExpect(invalid("images"))
                .andExpect(jsonPath("$.detail").value("images must hold at least one image"));
        // a constrained form field goes through Spring's method validation, not the body's
        MockMultipartFile file = new MockMultipartFile("file", "one.png", MediaType.IMAGE_PNG_VALUE, png(digitOne()));
        Mvc.perform(
                        mvc,
                        multipart("/classify")
                                .file(file)
                                .param("model", "mnist")
                                .param("topK", "0"))
                .andExpect(invalid("topK"))
                .andExpect(jsonPath("$.detail").value("topK must be at least 1, got 0"));
    }

    @Test
    void twoInputsAtOnceOrNoneAre400() throws Exception {
        classify("{\"model\":\"names\",\"text\":\"Smith\",\"texts\":[\"Smith\"]}")
                .andExpect(invalid("texts"))
                .andExpect(jsonPath("$.detail")
                        .value(containsString("exactly one of text, texts, image, images or imageBase64 (got 2)")));
        classify("{\"model\":\"names\"}")
                .andExpect(invalid("text"))
                .andExpect(jsonPath("$.detail").value(containsString("(got 0)")));
    }

    // ---- 400/415/413: the HTTP request itself ----

    @Test
    void malformedJsonIs400() throws Exception {
        classify("{\"model\":\"names\",\"text\":")
                .andExpect(problem(400, "Unreadable request body"))
                .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
        classify("{\"model\":\"names\",\"topK\":\"many\"}").andExpect(problem(400, "Unreadable request body"));
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        Mvc.perform(mvc, post("/classify").contentType(MediaType.TEXT_PLAIN).content("Nakamura"))
                .andExpect(problem(415, "Unsupported Media Type"))
                .andExpect(jsonPath("$.detail").value(containsString("text/plain")));
    }

    @Test
    void declaredBodyOverTheSizeLimitIs413() throws Exception {
        String body = "{\"model\":\"names\",\"text\":\"" + "a".repeat(2000) + "\"}";

        classify(body)
                .andExpect(problem(413, "Request too large"))
                .andExpect(jsonPath("$.detail").value(containsString("limit of 2000 bytes")));
    }

    @Test
    void undeclaredBodyOverTheSizeLimitIs413WhileItIsRead() throws Exception {
        String body = "{\"model\":\"names\",\"text\":\"" + "a".repeat(2000) + "\"}";

        Mvc.perform(
                        mvc,
                        post("/classify")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body)
                                .with(ClassifyControllerTest::chunked))
                .andExpect(problem(413, "Request too large"))
                .andExpect(jsonPath("$.detail").value(containsString("limit of 2000 bytes")));
    }

    @Test
    void multipartWithoutFileIs400() throws Exception {
        Mvc.perform(mvc, multipart("/classify").param("model", "mnist"))
                .andExpect(invalid("file"))
                .andExpect(jsonPath("$.detail").value(containsString("'file'")));
    }

    @Test
    void multipartWithAnEmptyFileIs400() throws Exception {
        MockMultipartFile empty = new MockMultipartFile("file", "empty.png", MediaType.IMAGE_PNG_VALUE, new byte[0]);

        Mvc.perform(mvc, multipart("/classify").file(empty).param("model", "mnist"))
                .andExpect(invalid("file"));
        MockMultipartFile text = new MockMultipartFile(
                "file", "notes.png", MediaType.IMAGE_PNG_VALUE, "not an image".getBytes(StandardCharsets.UTF_8));
        Mvc.perform(mvc, multipart("/classify").file(text).param("model", "mnist"))
                .andExpect(invalid("file"))
                .andExpect(jsonPath("$.detail").value(containsString("neither PNG nor JPEG")));
    }

    @Test
    void explainBeyondTheWorkBudgetIs400NamingExplain() throws Exception {
        // every prefix runs: 20·21/2 + 20·21/2 + 18·19/2 = 591 recurrent steps, over the budget of 500
        String texts = "{\"model\":\"names\",\"texts\":[\"Nakamuraaaaaaaaaaaaa\",\"Ivanovichhhhhhhhhhhh\","
                + "\"Smithsonianxxxxxxx\"],\"explain\":true}";
        classify(texts)
                .andExpect(invalid("explain"))
                .andExpect(jsonPath("$.detail").value(containsString("costs 591")))
                .andExpect(jsonPath("$.detail").value(containsString("at most 500")));
        // one image of 28 rows (28·29/2 = 406) fits; without explain the batch costs one pass per input and is fine
        classify(JSON.writeValueAsString(Map.of("model", "mnist", "image", digitOne(), "explain", true)))
                .andExpect(status().isOk());
        classify(texts.replace("\"explain\":true", "\"explain\":false")).andExpect(status().isOk());
    }

    // ---- 503 ----

    @Test
    void aFullQueueIs503WithRetryAfterAtOnce() throws Exception {
        ServedModel names = registry.acquire("names");
        List<Submission> waiting = new ArrayList<>();
        try (HeldWorker held = new HeldWorker(engine)) {
            // the one forward worker stays inside another pass, as during a long one
            held.hold();
            for (int i = 0; i < 4; i++) {
                waiting.add(names.queue().submit(List.of(new EncodedInput.TokenIds(new long[] {1, 2})), far()));
            }
            long started = System.nanoTime();
            classify("{\"model\":\"names\",\"text\":\"Nakamura\"}")
                    .andExpect(problem(503, "Service busy"))
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                    .andExpect(jsonPath("$.detail").value(containsString("queue holds 4 sequences")));
            // refused at once: nothing waited for the held worker
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            held.release();
            for (Submission submission : waiting) {
                assertThat(submission.answer().get(10, TimeUnit.SECONDS)).hasNumberOfRows(1);
            }
        } finally {
            names.release();
        }
        classify("{\"model\":\"names\",\"text\":\"Nakamura\"}").andExpect(status().isOk());
    }

    private static long far() {
        return System.nanoTime() + Duration.ofMinutes(1).toNanos();
    }

    // ---- helpers ----

    private ResultActions classify(String json) throws Exception {
        return Mvc.perform(
                mvc, post("/classify").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static JsonNode read(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static void assertProbabilities(JsonNode predictions, List<String> labels) {
        assertThat(predictions).hasSize(labels.size());
        List<String> seen = new ArrayList<>();
        double sum = 0;
        for (JsonNode prediction : predictions) {
            seen.add(prediction.get("label").asString());
            sum += prediction.get("probability").asDouble();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(labels);
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertDescending(predictions);
    }

    private static void assertDescending(JsonNode predictions) {
        List<Double> probabilities = new ArrayList<>();
        predictions.forEach(
                prediction -> probabilities.add(prediction.get("probability").asDouble()));
        assertThat(probabilities).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(probabilities).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    }

    private static String imageRequest(String model, int[][] image) {
        return JSON.writeValueAsString(Map.of("model", model, "image", image));
    }

    /** A vertical stroke, white on black. */
    private static int[][] digitOne() {
        int[][] image = new int[28][28];
        for (int row = 4; row < 24; row++) {
            image[row][13] = 255;
            image[row][14] = 200;
        }
        return image;
    }

    private static byte[] png(int[][] image) throws IOException {
        BufferedImage gray = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int row = 0; row < 28; row++) {
            for (int column = 0; column < 28; column++) {
                int value = image[row][column];
                gray.setRGB(column, row, 0xFF000000 | value << 16 | value << 8 | value);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(gray, "png", bytes);
        return bytes.toByteArray();
    }

    /** The same request without a declared length, as a chunked upload arrives. */
    private static MockHttpServletRequest chunked(MockHttpServletRequest request) {
        MockHttpServletRequest chunked =
                new MockHttpServletRequest(request.getServletContext(), request.getMethod(), request.getRequestURI()) {
                    @Override
                    public int getContentLength() {
                        return -1;
                    }

                    @Override
                    public long getContentLengthLong() {
                        return -1;
                    }
                };
        chunked.setContentType(request.getContentType());
        chunked.setContent(request.getContentAsByteArray());
        return chunked;
    }
}
