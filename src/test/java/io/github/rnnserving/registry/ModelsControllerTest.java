package io.github.rnnserving.registry;

import static io.github.rnnserving.support.ProblemMatchers.invalid;
import static io.github.rnnserving.support.ProblemMatchers.problem;
import static io.github.rnnserving.support.TinyModels.DIGIT_LABELS;
import static io.github.rnnserving.support.TinyModels.NAME_LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.serving.ServingEngine;
import io.github.rnnserving.support.TinyGenerators;
import io.github.rnnserving.support.TinyModels;
import io.github.rnnserving.web.AdminToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The registry endpoints over MockMvc with the real registry, importer, admin-token filter and
 * problem handler, on a temporary folder holding two tiny untrained models: "names" (text) and "mnist"
 * (image rows).
 *
 * <p>One piece although over 300 lines: every registry endpoint shares this slice's context and
 * folder, and splitting it would start that context once per part.
 */
@WebMvcTest(ModelsController.class)
@Import({ModelImporter.class, ServingEngine.class, AdminToken.class, ModelsControllerTest.Models.class})
@TestPropertySource(
        properties = {
            "rnn.security.admin-token=test-token",
            "rnn.limits.max-batch-size=3",
            "rnn.limits.max-text-length=50"
        })
class ModelsControllerTest {

    private static final String LOWER_CASE = "abcdefghijklmnopqrstuvwxyz";

    private static final String TOKEN = "Bearer test-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    ModelRegistry registry;

    @Test
    void listsEveryModelWithItsServingVersion() throws Exception {
        mvc.perform(get("/models"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].name").value("mnist"))
                .andExpect(jsonPath("$[0].servingVersion").value("1"))
                .andExpect(jsonPath("$[0].versions").value(contains(1)))
                .andExpect(jsonPath("$[0].inputKind").value("image-rows"))
                .andExpect(jsonPath("$[0].labels").value(10))
                .andExpect(jsonPath("$[1].name").value("names"))
                .andExpect(jsonPath("$[1].inputKind").value("text"))
                .andExpect(jsonPath("$[1].labels").value(3));
    }

    @Test
    void describesATextModelWithAnExampleRequest() throws Exception {
        mvc.perform(get("/models/names"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("names"))
                .andExpect(jsonPath("$.servingVersion").value("1"))
                .andExpect(jsonPath("$.versions").value(contains(1)))
                .andExpect(jsonPath("$.task").value("classify"))
                .andExpect(jsonPath("$.labels").value(contains(NAME_LABELS.toArray())))
                .andExpect(jsonPath("$.input.kind").value("text"))
                .andExpect(jsonPath("$.input.tokens").exists())
                .andExpect(jsonPath("$.input.maxTokens").value(20))
                .andExpect(jsonPath("$.input.vocabularySize").value(28))
                .andExpect(jsonPath("$.input.maxTextLength").value(50))
                .andExpect(jsonPath("$.input.maxBatchSize").value(3))
                .andExpect(jsonPath("$.architecture.cell").exists())
                .andExpect(jsonPath("$.architecture.hiddenSize").value(4))
                .andExpect(jsonPath("$.exampleRequest.model").value("names"))
                .andExpect(jsonPath("$.exampleRequest.text").isString())
                .andExpect(jsonPath("$.exampleRequest.topK").value(3))
                // the tiny names model is a one-way GRU answering from its last state
                .andExpect(jsonPath("$.streaming.supported").value(true))
                .andExpect(jsonPath("$.streaming.reason").doesNotExist());
    }

    @Test
    @DirtiesContext // the generator would show up in the other tests' listings
    void describesAGeneratorWithItsTaskAndConditions() throws Exception {
        registry.registerNew(TinyGenerators.write(
                registry.modelsDir(), "gen", CellType.GRU, 1, List.of("English", "Japanese"), LOWER_CASE, 5));
        mvc.perform(get("/models/gen"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.task").value("generate"))
                .andExpect(jsonPath("$.labels").value(contains("English", "Japanese")))
                .andExpect(jsonPath("$.input.kind").value("text"));
    }

    @Test
    void describesAnImageModelWithAnExampleImage() throws Exception {
        mvc.perform(get("/models/mnist"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.labels").value(contains(DIGIT_LABELS.toArray())))
                .andExpect(jsonPath("$.input.kind").value("image-rows"))
                .andExpect(jsonPath("$.input.rows").value(28))
                .andExpect(jsonPath("$.input.columns").value(28))
                .andExpect(jsonPath("$.exampleRequest.model").value("mnist"))
                .andExpect(jsonPath("$.exampleRequest.image.length()").value(28))
                .andExpect(jsonPath("$.exampleRequest.image[0].length()").value(28));
    }

    @Test
    void unknownModelIs404() throws Exception {
        mvc.perform(get("/models/nope"))
                .andExpect(problem(404, "Model not found"))
                .andExpect(jsonPath("$.detail").value(containsString("'nope'")));
    }

    @Test
    void promoteWithoutTheTokenIs401() throws Exception {
        mvc.perform(post("/models/names/versions/1/promote"))
                .andExpect(problem(401, "Unauthorized"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(jsonPath("$.detail").value(containsString("Authorization: Bearer")));
    }

    @Test
    void promoteWithAWrongTokenIs401() throws Exception {
        mvc.perform(post("/models/names/versions/1/promote").header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token"))
                .andExpect(problem(401, "Unauthorized"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        mvc.perform(post("/models/names/versions/1/promote").header(HttpHeaders.AUTHORIZATION, "test-token"))
                .andExpect(problem(401, "Unauthorized"));
    }

    @Test
    void promoteWithTheTokenServesThatVersion() throws Exception {
        mvc.perform(post("/models/names/versions/1/promote").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("names"))
                .andExpect(jsonPath("$.servingVersion").value("1"));

        assertThat(Files.readString(registry.modelsDir().resolve("names").resolve(ModelRegistry.SERVING_FILE))
                        .trim())
                .isEqualTo("1");
    }

    @Test
    void promoteOfAMissingVersionIs404() throws Exception {
        mvc.perform(post("/models/names/versions/9/promote").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(problem(404, "Model not found"))
                .andExpect(jsonPath("$.detail").value(containsString("no version '9'")));
        mvc.perform(post("/models/nope/versions/1/promote").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(problem(404, "Model not found"));
    }

    @Test
    void deleteWithoutTheTokenIs401() throws Exception {
        mvc.perform(delete("/models/names/versions/1"))
                .andExpect(problem(401, "Unauthorized"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));

        assertThat(registry.modelsDir().resolve("names/1")).isDirectory();
    }

    @Test
    void deleteOfTheServingVersionIs409() throws Exception {
        mvc.perform(delete("/models/names/versions/1").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(problem(409, "Conflict"))
                .andExpect(jsonPath("$.detail").value(containsString("is serving")));

        assertThat(registry.modelsDir().resolve("names/1")).isDirectory();
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void deleteOfAVersionThatDoesNotServeIs204AndRemovesItsFolder() throws Exception {
        Path second = TinyModels.writeTextModel(registry.modelsDir(), LOWER_CASE);
        assertThat(second).isEqualTo(registry.modelsDir().resolve("names/2"));
        mvc.perform(post("/models/names/versions/2/promote").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.servingVersion").value("2"));

        mvc.perform(delete("/models/names/versions/1").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(status().isNoContent())
                .andExpect(content().string(""));

        assertThat(registry.modelsDir().resolve("names/1")).doesNotExist();
        try (Stream<Path> left = Files.list(registry.modelsDir().resolve("names"))) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("2", ModelRegistry.SERVING_FILE);
        }
        mvc.perform(get("/models/names"))
                .andExpect(jsonPath("$.servingVersion").value("2"))
                .andExpect(jsonPath("$.versions").value(contains(2)));
        mvc.perform(delete("/models/names/versions/1").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(problem(404, "Model not found"));
    }

    @Test
    void invalidModelNameIs400() throws Exception {
        mvc.perform(post("/models/NoPe/versions/1/promote").header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(problem(400, "Invalid request"));
    }

    @Test
    @DirtiesContext // the imported model would show up in the other tests' listings
    void importOfATorchScriptModuleServesItAtOnce() throws Exception {
        mvc.perform(multipart("/models")
                        .file(manifestPart(IMAGE_MANIFEST.formatted("scripted-rows", FIVE_LABELS)))
                        .file(torchScriptPart("image-rows-gru-l1-uni.pt"))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/models/scripted-rows"))
                .andExpect(jsonPath("$.version").value("1"))
                .andExpect(jsonPath("$.format").value("torchscript"));
        mvc.perform(get("/models/scripted-rows"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format").value("torchscript"))
                .andExpect(jsonPath("$.labels").value(contains("a", "b", "c", "d", "e")));
        assertThat(registry.modelsDir().resolve("scripted-rows/1/model.pt")).isRegularFile();
        // a scripted forward(x, lengths) that packs by length: padded batches of any size
        assertThat(Files.readString(registry.modelsDir().resolve("scripted-rows/1/model.json")))
                .containsIgnoringWhitespaces(
                        "\"moduleContract\":{\"signature\":\"x,lengths\",\"batch\":\"any\",\"outputs\":\"logits\"}");
    }

    @Test
    void torchScriptWhoseLogitsDoNotMatchTheLabelsIs400() throws Exception {
        mvc.perform(multipart("/models")
                        .file(manifestPart(IMAGE_MANIFEST.formatted("three-labels", "[\"x\", \"y\", \"z\"]")))
                        .file(torchScriptPart("image-rows-gru-l1-uni.pt"))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(invalid("torchscript"))
                .andExpect(jsonPath("$.detail").value(containsString("one logit per label")));
        assertThat(registry.modelsDir().resolve("three-labels")).doesNotExist();
    }

    @Test
    void aFileThatIsNotTorchScriptIs400AndLeavesNothingBehind() throws Exception {
        mvc.perform(multipart("/models")
                        .file(manifestPart(IMAGE_MANIFEST.formatted("garbage", FIVE_LABELS)))
                        .file(new MockMultipartFile(
                                "torchscript",
                                "model.pt",
                                "application/octet-stream",
                                "not a zip archive".getBytes(StandardCharsets.UTF_8)))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(invalid("torchscript"))
                .andExpect(jsonPath("$.detail").value(containsString("not a loadable TorchScript model")));
        try (Stream<Path> left = Files.list(registry.modelsDir())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(".import-") || n.equals("garbage"));
        }
    }

    @Test
    void importNeedsExactlyOneWeightsPart() throws Exception {
        mvc.perform(multipart("/models")
                        .file(manifestPart(IMAGE_MANIFEST.formatted("nothing", FIVE_LABELS)))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(invalid("weights"));
        mvc.perform(multipart("/models")
                        .file(manifestPart(IMAGE_MANIFEST.formatted("both", FIVE_LABELS)))
                        .file(torchScriptPart("image-rows-gru-l1-uni.pt"))
                        .file(new MockMultipartFile(
                                "weights", "weights.npz", "application/octet-stream", new byte[] {1}))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(invalid("torchscript"));
    }

    @Test
    void importWithoutTheTokenIs401() throws Exception {
        mvc.perform(multipart("/models")
                        .file(manifestPart(IMAGE_MANIFEST.formatted("anonymous", FIVE_LABELS)))
                        .file(torchScriptPart("image-rows-gru-l1-uni.pt")))
                .andExpect(problem(401, "Unauthorized"));
    }

    @Test
    void importWithAnInvalidManifestNamesTheField() throws Exception {
        mvc.perform(multipart("/models")
                        .file(manifestPart(IMAGE_MANIFEST.formatted("../escape", FIVE_LABELS)))
                        .file(torchScriptPart("image-rows-gru-l1-uni.pt"))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(invalid("manifest.name"));
        mvc.perform(multipart("/models")
                        .file(manifestPart("{\"name\": \"broken\", "))
                        .file(torchScriptPart("image-rows-gru-l1-uni.pt"))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(invalid("manifest"));
        mvc.perform(multipart("/models")
                        .file(manifestPart("{\"name\": \"no-input\", \"labels\": " + FIVE_LABELS + "}"))
                        .file(torchScriptPart("image-rows-gru-l1-uni.pt"))
                        .header(HttpHeaders.AUTHORIZATION, TOKEN))
                .andExpect(invalid("manifest.input"));
    }

    private static final String FIVE_LABELS = "[\"a\", \"b\", \"c\", \"d\", \"e\"]";
    private static final String IMAGE_MANIFEST =
            "{\"name\": \"%s\", \"input\": {\"kind\": \"image-rows\", \"rows\": 28, \"columns\": 28}, \"labels\": %s}";

    private static MockMultipartFile manifestPart(String json) {
        return new MockMultipartFile(
                "manifest", "model.json", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static MockMultipartFile torchScriptPart(String fixture) throws IOException {
        try (var in = ModelsControllerTest.class.getResourceAsStream("/torchscript/" + fixture)) {
            return new MockMultipartFile("torchscript", fixture, "application/octet-stream", in.readAllBytes());
        }
    }

    /** Two tiny untrained models written as real bundles and served by a real registry. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Models {

        @Bean
        TinyModels.ModelsFolder modelsFolder() throws IOException {
            return TinyModels.folderWithNamesAndMnist(LOWER_CASE);
        }

        @Bean
        ModelRegistry modelRegistry(TinyModels.ModelsFolder folder, RnnProperties properties, ServingEngine engine) {
            return TinyModels.registry(folder, properties, engine);
        }
    }
}
