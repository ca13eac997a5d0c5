package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading a sequence in pieces from a carried state gives the logits of reading it whole, for
 * every cell, one and two layers, text and image rows, over random cuts (empty pieces included).
 */
class StreamingContinuationTest {

    static Stream<Arguments> architectures() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (CellType cell : List.of(CellType.RNN, CellType.LSTM, CellType.GRU)) {
            for (int layers = 1; layers <= 2; layers++) {
                for (Summary summary : List.of(Summary.LAST, Summary.LAST_OUTPUT)) {
                    cases.add(Arguments.of(cell, layers, summary));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} layers={1} summary={2}")
    @MethodSource("architectures")
    void piecesGiveTheWholeSequencesLogits(CellType cell, int layers, Summary summary) {
        Engine.getInstance().setRandomSeed(11);
        Architecture architecture =
                new Architecture(InputKind.TEXT, cell, layers, 9, false, 0.3f, 0.2f, 0.1f, summary, 5, 17, 4);
        Random random = new Random(cell.ordinal() * 10L + layers);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            ParameterStore store = new ParameterStore(manager, false);
            for (int trial = 0; trial < 25; trial++) {
                long[] ids = new long[1 + random.nextInt(30)];
                for (int t = 0; t < ids.length; t++) {
                    ids[t] = 1 + random.nextInt(16);
                }
                NDList whole = classifier.forward(
                        store,
                        new NDList(
                                manager.create(ids, new Shape(1, ids.length)), manager.create(new long[] {ids.length})),
                        false);
                float[] expected = whole.head().toFloatArray();

                float[] state = StreamingState.initial(architecture);
                float[] logits = null;
                int start = 0;
                while (start < ids.length) {
                    int length = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(ids.length - start);
                    long[] piece = Arrays.copyOfRange(ids, start, start + length);
                    NDList answer = classifier.forward(
                            store,
                            new NDList(
                                    manager.create(piece, new Shape(1, length)),
                                    manager.create(new long[] {length}),
                                    manager.create(state, new Shape(1, state.length))),
                            false);
                    logits = answer.get(0).toFloatArray();
                    state = answer.get(1).toFloatArray();
                    assertThat(state).hasSize(StreamingState.size(architecture));
                    start += length;
                }
                for (int c = 0; c < expected.length; c++) {
                    assertThat(Math.abs(logits[c] - expected[c]))
                            .as("trial %d class %d", trial, c)
                            .isLessThan(1e-5f);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void imageRowsInPiecesInOneBatchGiveEachImagesLogits(CellType cell) {
        Engine.getInstance().setRandomSeed(3);
        Architecture architecture =
                new Architecture(InputKind.IMAGE_ROWS, cell, 2, 12, false, 0f, 0f, 0f, Summary.LAST, 28, 0, 10);
        Random random = new Random(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);
            int images = 3;
            List<byte[]> pixels = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                byte[] image = new byte[28 * 28];
                random.nextBytes(image);
                pixels.add(image);
            }
            EncodedInput.PixelRows sample = new EncodedInput.PixelRows(pixels.get(0), 28, 28);
            NDArray wholeRows = sample.stack(
                    manager,
                    pixels.stream()
                            .map(p -> new EncodedInput.PixelRows(p, 28, 28))
                            .toList(),
                    28);
            float[] expected = classifier
                    .forward(store, new NDList(wholeRows, manager.create(new long[] {28, 28, 28})), false)
                    .head()
                    .toFloatArray();

            // the three images advance together, as one streaming batch, in pieces of 10, 0, 7 and 11 rows
            float[] states = new float[images * StreamingState.size(architecture)];
            float[] logits = null;
            int row = 0;
            for (int length : new int[] {10, 0, 7, 11}) {
                List<EncodedInput> piece = new ArrayList<>();
                for (byte[] image : pixels) {
                    piece.add(new EncodedInput.PixelRows(
                            Arrays.copyOfRange(image, row * 28, (row + length) * 28), length, 28));
                }
                NDArray rows = piece.get(0).stack(manager, piece, length);
                NDList answer = classifier.forward(
                        store,
                        new NDList(
                                rows,
                                manager.create(new long[] {length, length, length}),
                                manager.create(states, new Shape(images, StreamingState.size(architecture)))),
                        false);
                logits = answer.get(0).toFloatArray();
                states = answer.get(1).toFloatArray();
                row += length;
            }
            for (int i = 0; i < expected.length; i++) {
                assertThat(Math.abs(logits[i] - expected[i])).as("logit %d", i).isLessThan(1e-5f);
            }
        }
    }

    static Stream<CellType> cells() {
        return Stream.of(CellType.RNN, CellType.LSTM, CellType.GRU);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void networksThatNeedTheWholeSequenceCannotContinue(boolean bidirectional, Summary summary, String reason) {
        Architecture architecture =
                new Architecture(InputKind.TEXT, CellType.GRU, 1, 4, bidirectional, 0f, 0f, 0f, summary, 3, 9, 2);
        assertThat(StreamingState.refusal("model 'x'", architecture))
                .hasValueSatisfying(text -> assertThat(text).contains(reason));
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NDList input = new NDList(
                    manager.create(new long[] {1, 2}, new Shape(1, 2)),
                    manager.create(new long[] {2}),
                    manager.zeros(new Shape(1, StreamingState.size(architecture))));
            assertThatThrownBy(() -> classifier.forward(new ParameterStore(manager, false), input, false))
                    .hasMessageContaining(reason);
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(true, Summary.LAST, "bidirectional"),
                Arguments.of(false, Summary.MEAN, "mean of its outputs"),
                Arguments.of(false, Summary.MAX, "max of its outputs"));
    }
}
