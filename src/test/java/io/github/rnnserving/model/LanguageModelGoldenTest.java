package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link LanguageModel} with PyTorch's weights gives PyTorch's logits for the same ids and
 * conditions (src/test/resources/generator/make_generator_golden.py), whole texts and read token
 * by token from carried {@link GenerationState}s alike, within 1e-5.
 */
class LanguageModelGoldenTest {

    private static final Path FOLDER = Path.of("src/test/resources/generator");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lm-lstm-l2-c3", "lm-gru-l1-c0", "lm-rnn-l2-c2"})
    void givesPyTorchsLogitsWholeAndTokenByToken(String name) throws Exception {
        JsonNode golden = JsonMapper.builder()
                .build()
                .readTree(FOLDER.resolve(name + ".json").toFile());
        int conditions = golden.get("conditions").asInt();
        int vocabulary = golden.get("vocabulary").asInt();
        Architecture architecture = new Architecture(
                InputKind.TEXT,
                CellType.of(golden.get("cell").asString()),
                golden.get("layers").asInt(),
                golden.get("hidden").asInt(),
                false,
                0f,
                0f,
                0f,
                Summary.LAST,
                golden.get("embedding").asInt(),
                vocabulary,
                vocabulary,
                conditions);
        long[][] ids = new long[golden.get("ids").size()][];
        for (int b = 0; b < ids.length; b++) {
            JsonNode row = golden.get("ids").get(b);
            ids[b] = new long[row.size()];
            for (int t = 0; t < row.size(); t++) {
                ids[b][t] = row.get(t).asLong();
            }
        }
        int batch = ids.length;
        int steps = ids[0].length;
        try (NDManager manager = NDManager.newBaseManager()) {
            LanguageModel model = new LanguageModel(architecture);
            try (InputStream in = Files.newInputStream(FOLDER.resolve(name + ".npz"))) {
                PyTorchWeights.load(model, in, manager);
            }
            ParameterStore store = new ParameterStore(manager, false);
            long[] flat = new long[batch * steps];
            long[] condition = new long[batch];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(ids[b], 0, flat, b * steps, steps);
                condition[b] = golden.get("condition").get(b).asLong();
            }
            NDArray whole = model.forward(
                            store,
                            new NDList(
                                    manager.create(flat, new Shape(batch, steps)),
                                    manager.create(new long[] {steps, steps}),
                                    manager.create(condition)),
                            false)
                    .head();
            assertClose(whole.toFloatArray(), golden.get("logits"), batch, steps, vocabulary, "whole");

            // token by token, both texts in one batch, from their initial states
            int size = GenerationState.size(architecture);
            float[] states = new float[batch * size];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(
                        GenerationState.initial(architecture, conditions == 0 ? -1 : (int) condition[b]),
                        0,
                        states,
                        b * size,
                        size);
            }
            float[] stepwise = new float[batch * steps * vocabulary];
            for (int t = 0; t < steps; t++) {
                long[] column = new long[batch];
                for (int b = 0; b < batch; b++) {
                    column[b] = ids[b][t];
                }
                NDList answer = model.forward(
                        store,
                        new NDList(
                                manager.create(column, new Shape(batch, 1)),
                                manager.create(new long[] {1, 1}),
                                manager.create(states, new Shape(batch, size))),
                        false);
                float[] logits = answer.get(0).toFloatArray();
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(logits, b * vocabulary, stepwise, (b * steps + t) * vocabulary, vocabulary);
                }
                states = answer.get(1).toFloatArray();
            }
            assertClose(stepwise, golden.get("logits"), batch, steps, vocabulary, "token by token");
        }
    }

    @org.junit.jupiter.api.Test
    void aBidirectionalGeneratorIsRefused() {
        Architecture both =
                new Architecture(InputKind.TEXT, CellType.GRU, 1, 4, true, 0f, 0f, 0f, Summary.LAST, 3, 6, 6, 0);
        assertThatThrownBy(() -> new LanguageModel(both)).hasMessageContaining("one way");
    }

    private static void assertClose(
            float[] actual, JsonNode expected, int batch, int steps, int vocabulary, String how) {
        assertThat(actual).hasSize(batch * steps * vocabulary);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int v = 0; v < vocabulary; v++) {
                    double want = expected.get(b).get(t).get(v).asDouble();
                    assertThat(Math.abs(actual[(b * steps + t) * vocabulary + v] - want))
                            .as("%s: text %d step %d token %d", how, b, t, v)
                            .isLessThan(1e-5);
                }
            }
        }
    }
}
