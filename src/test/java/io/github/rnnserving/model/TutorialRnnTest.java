package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.model.text.TokenizerKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tutorial's character RNN against PyTorch, without the service: its letters as the tutorial's
 * unicodeToAscii keeps them, and its log-probabilities for a padded batch of names of different
 * lengths (src/test/resources/tutorial, made by make_tutorial_rnn.py).
 */
class TutorialRnnTest {

    static final Path FIXTURE = Path.of("src/test/resources/tutorial");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void keepsTheLettersTheTutorialKeeps() {
        TextEncoder encoder = tutorialInput().encoder();
        for (JsonNode c : cases()) {
            List<String> tokens = encoder.tokenizer().tokenize(c.get("text").asString());
            assertThat(String.join("", tokens))
                    .as(c.get("text").asString())
                    .isEqualTo(c.get("letters").asString());
            assertThat(encoder.encodeDetailed(c.get("text").asString()).unknownCount())
                    .isZero();
        }
        assertThat(encoder.tokenizer().tokenize("李 2\t")).containsExactly(" ");
        assertThat(encoder.tokenizer().tokenize("李")).isEmpty();
    }

    @Test
    void answersAsPyTorchForAPaddedBatch() throws IOException {
        TextEncoder encoder = tutorialInput().encoder();
        List<EncodedInput> inputs = new ArrayList<>();
        for (JsonNode c : cases()) {
            inputs.add(new EncodedInput.TokenIds(encoder.encode(c.get("text").asString())));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture());
            try (InputStream in = Files.newInputStream(FIXTURE.resolve("tutorial-rnn.npz"))) {
                PyTorchWeights.load(classifier, in, manager);
            }
            assertThat(classifier.namedParameters().keySet())
                    .containsExactly("i2h.weight", "i2h.bias", "i2o.weight", "i2o.bias");
            NDList out = classifier.forward(new ParameterStore(manager, false), Batches.of(manager, inputs), false);
            float[] logProbabilities = out.head().toFloatArray();
            int classes = 18;
            List<JsonNode> cases = cases();
            for (int i = 0; i < cases.size(); i++) {
                JsonNode expected = cases.get(i).get("logProbabilities");
                for (int k = 0; k < classes; k++) {
                    assertThat((double) logProbabilities[i * classes + k])
                            .as("%s, class %d", cases.get(i).get("text").asString(), k)
                            .isCloseTo(expected.get(k).asDouble(), within(1e-5));
                }
            }
        }
    }

    @Test
    void leavesOutWhatTheTutorialFixes() {
        Architecture architecture = architecture();
        assertThat(architecture.inputKind()).isEqualTo(InputKind.TEXT);
        assertThat(architecture.layers()).isEqualTo(1);
        assertThat(architecture.summary()).isEqualTo(Summary.LAST);
        assertThat(architecture.inputSize()).isEqualTo(57);
        assertThat(architecture.vocabularySize()).isEqualTo(59);
        assertThat(tutorialInput().normalization()).hasToString("NFD");
        assertThat(TokenizerKind.fromManifest("tutorial-letters")).isEqualTo(TokenizerKind.TUTORIAL_LETTERS);
        assertThat(TokenizerKind.fromManifest("CHARACTERS")).isEqualTo(TokenizerKind.CHARACTERS);
    }

    static Architecture architecture() {
        return new Architecture(null, CellType.TUTORIAL_RNN, 0, 32, false, 0f, null, null, null, 0, 0, 18);
    }

    static TextInputSpec tutorialInput() {
        return new TextInputSpec(TokenizerKind.TUTORIAL_LETTERS, null, null, 40, null);
    }

    static List<JsonNode> cases() {
        List<JsonNode> cases = new ArrayList<>();
        JSON.readTree(FIXTURE.resolve("tutorial-rnn.json").toFile())
                .get("cases")
                .forEach(cases::add);
        return cases;
    }
}
