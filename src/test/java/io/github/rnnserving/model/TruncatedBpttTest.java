package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Truncation changes only the gradient: the forward values stay those of full BPTT. */
class TruncatedBpttTest {

    @Test
    void truncationKeepsTheForwardPassAndCutsTheGradient() {
        Engine.getInstance().setRandomSeed(3);
        Architecture architecture =
                new Architecture(InputKind.IMAGE_ROWS, CellType.LSTM, 1, 5, false, 0f, 0f, 0f, Summary.LAST, 3, 0, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NDArray rows = manager.randomUniform(0, 1, new Shape(2, 10, 3));
            NDArray lengths = manager.create(new long[] {10, 7});

            float[] full = logits(classifier, manager, rows, lengths, 0);
            float[] truncated = logits(classifier, manager, rows, lengths, 4);
            assertThat(truncated).containsExactly(full, within(1e-6f));

            float[][] fullGradient = inputGradient(classifier, manager, rows, lengths, 0);
            float[][] truncatedGradient = inputGradient(classifier, manager, rows, lengths, 4);
            // sequence 0 ends at step 9: with k = 4 the gradient reaches steps 8..9 only (chunk 8..11)
            for (int t = 0; t < 8; t++) {
                assertThat(truncatedGradient[0][t])
                        .as("step " + t + " of sequence 0")
                        .isEqualTo(0f);
                assertThat(fullGradient[0][t] != 0f)
                        .as("full BPTT reaches step " + t)
                        .isTrue();
            }
            assertThat(truncatedGradient[0][9] != 0f).isTrue();
            // sequence 1 ends at step 6, inside chunk 4..7: steps 4..6 get gradient, 0..3 none
            for (int t = 0; t < 4; t++) {
                assertThat(truncatedGradient[1][t])
                        .as("step " + t + " of sequence 1")
                        .isEqualTo(0f);
            }
            assertThat(truncatedGradient[1][4] != 0f).isTrue();
        }
    }

    private static float[] logits(
            RecurrentClassifier classifier, NDManager manager, NDArray rows, NDArray lengths, int k) {
        ParameterStore store = new ParameterStore(manager, false);
        return classifier
                .forwardWithOutputs(store, new NDList(rows, lengths), false, k)
                .head()
                .toFloatArray();
    }

    /** Sum of |d logits / d input| per sequence and step. */
    private static float[][] inputGradient(
            RecurrentClassifier classifier, NDManager manager, NDArray rows, NDArray lengths, int k) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = rows.duplicate();
            input.attach(scope);
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = classifier
                        .forwardWithOutputs(new ParameterStore(scope, false), new NDList(input, lengths), true, k)
                        .head();
                collector.backward(logits.sum());
            }
            NDArray perStep = input.getGradient().abs().sum(new int[] {2});
            float[] flat = perStep.toFloatArray();
            float[][] result = new float[2][10];
            for (int b = 0; b < 2; b++) {
                System.arraycopy(flat, b * 10, result[b], 0, 10);
            }
            return result;
        }
    }
}
