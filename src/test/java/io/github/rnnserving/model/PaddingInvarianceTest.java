package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A text gets the same logits alone as padded inside a batch of longer texts. */
class PaddingInvarianceTest {

    private static final long[][] TEXTS = {{5, 9, 2}, {7, 1, 4, 4, 8, 3, 2, 6, 11}, {3}, {12, 2, 2, 9, 5}};

    static Stream<Arguments> architectures() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (CellType cell : CellType.values()) {
            if (!cell.trainable()) {
                continue; // the tutorial's cell has one shape of its own: TutorialRnnTest pads it
            }
            for (boolean bidirectional : new boolean[] {false, true}) {
                for (Summary summary : Summary.values()) {
                    cases.add(Arguments.of(cell, bidirectional, summary));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} bidirectional={1} summary={2}")
    @MethodSource("architectures")
    void batchedLogitsEqualSingleLogits(CellType cell, boolean bidirectional, Summary summary) {
        Engine.getInstance().setRandomSeed(7);
        Architecture architecture =
                new Architecture(InputKind.TEXT, cell, 2, 6, bidirectional, 0f, 0f, 0f, summary, 4, 13, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            ParameterStore store = new ParameterStore(manager, false);

            int longest = 0;
            for (long[] text : TEXTS) {
                longest = Math.max(longest, text.length);
            }
            long[] padded = new long[TEXTS.length * longest];
            long[] lengths = new long[TEXTS.length];
            for (int i = 0; i < TEXTS.length; i++) {
                System.arraycopy(TEXTS[i], 0, padded, i * longest, TEXTS[i].length);
                // padding that is not the padding token: it still must not leak into real steps
                for (int t = TEXTS[i].length; t < longest; t++) {
                    padded[i * longest + t] = 1 + (t % 11);
                }
                lengths[i] = TEXTS[i].length;
            }
            float[] batched =
                    logits(classifier, store, manager.create(padded, new Shape(TEXTS.length, longest)), lengths);

            for (int i = 0; i < TEXTS.length; i++) {
                float[] alone =
                        logits(classifier, store, manager.create(TEXTS[i], new Shape(1, TEXTS[i].length)), new long[] {
                            TEXTS[i].length
                        });
                for (int c = 0; c < 3; c++) {
                    float difference = Math.abs(alone[c] - batched[i * 3 + c]);
                    assertThat(difference < 1e-5)
                            .as("text " + i + " class " + c + " differs by " + difference)
                            .isTrue();
                }
            }
            assertThat(batched.length).isEqualTo(TEXTS.length * 3);
        }
    }

    private static float[] logits(RecurrentClassifier classifier, ParameterStore store, NDArray ids, long[] lengths) {
        NDList out = classifier.forward(store, new NDList(ids, ids.getManager().create(lengths)), false);
        return out.head().toFloatArray();
    }
}
