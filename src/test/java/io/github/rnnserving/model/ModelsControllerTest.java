package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.Vocabulary;
import io.github.rnnserving.web.AdminToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * The registry endpoints over MockMvc with the real registry, importer, admin-token filter and
 * problem handler, on a temporary folder holding two tiny untrained models: "names" (text) and "mnist"
 * (image rows).
 */
@WebMvcTest(ModelsController.class)
@Import({ModelImporter.class, AdminToken.class, ModelsControllerTest.TinyModels.class})
@TestPropertySource(properties = {
    "rnn.security.admin-token=test-token",
    "rnn.limits.max-batch-size=3",
    "rnn.limits.max-text-length=50"
})
class ModelsControllerTest {

    private static final String TOKEN = "Bearer test-token";
    private static final List<String> NAME_LABELS = List.of("english", "japanese", "russian");
    private static final List<String> DIGIT_LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @Autowired MockMvc mvc;

    @Autowired ModelRegistry registry;

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
                .andExpect(jsonPath("$.exampleRequest.topK").value(3));
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

        assertThat(Files.readString(registry.modelsDir().resolve("names").resolve(ModelRegistry.SERVING_FILE)).trim())
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
        Path second = TinyModels.writeTextModel(registry.modelsDir());
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

    private static ResultMatcher problem(int status, String title) {
        return allOf(
                status().is(status),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.status").value(status),
                jsonPath("$.title").value(title),
                jsonPath("$.detail").isNotEmpty());
    }

    /** Every matcher in turn (Spring 7 dropped {@code ResultMatcher.matchAll}). */
    private static ResultMatcher allOf(ResultMatcher... matchers) {
        return result -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }

    /** Two tiny untrained models written as real bundles and served by a real registry. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TinyModels {

        @Bean
        ModelsFolder modelsFolder() throws IOException {
            Path folder = Files.createTempDirectory("rnn-models-test");
            writeTextModel(folder);
            Architecture rows = new Architecture(InputKind.IMAGE_ROWS, CellType.GRU, 1, 4, false, 0f, Summary.LAST,
                    28, 0, DIGIT_LABELS.size());
            write(folder, manifest("mnist", InputSpec.imageRows(28, 28), rows, DIGIT_LABELS), rows);
            return new ModelsFolder(folder);
        }

        @Bean
        ModelRegistry modelRegistry(ModelsFolder folder, RnnProperties properties) {
            return new ModelRegistry(new RnnProperties(folder.path(), 1, properties.limits(), properties.security()));
        }

        /** Writes the next version of "names": a character GRU over 26 letters. */
        static Path writeTextModel(Path folder) {
            List<String> vocabulary = new ArrayList<>(List.of(Vocabulary.PADDING_TOKEN, Vocabulary.UNKNOWN_TOKEN));
            "abcdefghijklmnopqrstuvwxyz".codePoints().forEach(c -> vocabulary.add(Character.toString(c)));
            Architecture text = new Architecture(InputKind.TEXT, CellType.GRU, 1, 4, false, 0f, Summary.LAST,
                    3, vocabulary.size(), NAME_LABELS.size());
            InputSpec input = InputSpec.text(Tokenizer.characters(), Vocabulary.fromTokens(vocabulary), 20);
            return write(folder, manifest("names", input, text, NAME_LABELS), text);
        }

        private static Path write(Path folder, ModelManifest manifest, Architecture architecture) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(7);
                RecurrentClassifier classifier = new RecurrentClassifier(architecture);
                classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
                return new ModelBundles().write(folder, manifest, classifier);
            }
        }

        private static ModelManifest manifest(
                String name, InputSpec input, Architecture architecture, List<String> labels) {
            return new ModelManifest(ModelManifest.FORMAT_VERSION, name, null, "2026-01-01T00:00:00Z",
                    new ModelManifest.EngineInfo("PyTorch", "2.7.1", "0.36.0"), input, architecture, labels,
                    null, Map.of(), Map.of(), Map.of());
        }
    }

    /** The temporary models folder, deleted when the context closes (after the registry). */
    record ModelsFolder(Path path) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
