package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Input, between-layer and output dropout change training passes only, never inference. */
class DropoutTest {

    private static final long[][] IDS = {{2, 3, 4, 5}, {6, 2, 0, 0}};
    private static final long[] LENGTHS = {4, 2};

    @Test
    void inferenceIgnoresEveryDropout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] plain = logits(classifier(manager, 0f, 0f, 0f), manager, false);
            float[] dropped = logits(classifier(manager, 0.5f, 0.5f, 0.5f), manager, false);
            assertThat(dropped).containsExactly(plain, within(0f));
            assertThat(logits(classifier(manager, 0f, 0f, 0f), manager, true))
                    .as("without dropout a training pass computes the same logits")
                    .containsExactly(plain, within(1e-6f));
        }
    }

    @Test
    void eachDropoutChangesATrainingPass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] plain = logits(classifier(manager, 0f, 0f, 0f), manager, true);
            float[][] variants = {
                logits(classifier(manager, 0f, 0.5f, 0f), manager, true),
                logits(classifier(manager, 0.5f, 0f, 0f), manager, true),
                logits(classifier(manager, 0f, 0f, 0.5f), manager, true)
            };
            for (float[] variant : variants) {
                assertThat(Arrays.equals(plain, variant))
                        .as(Arrays.toString(variant))
                        .isFalse();
            }
        }
    }

    /** Same seed, same weights: dropout adds no parameter. */
    private static RecurrentClassifier classifier(NDManager manager, float between, float input, float output) {
        Engine.getInstance().setRandomSeed(7);
        Architecture architecture = new Architecture(
                InputKind.TEXT, CellType.LSTM, 2, 6, true, between, input, output, Summary.MAX, 5, 8, 3);
        RecurrentClassifier classifier = new RecurrentClassifier(architecture);
        classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        return classifier;
    }

    private static float[] logits(RecurrentClassifier classifier, NDManager manager, boolean training) {
        Engine.getInstance().setRandomSeed(11);
        NDList input = new NDList(manager.create(IDS), manager.create(LENGTHS));
        return classifier
                .forwardWithOutputs(new ParameterStore(manager, false), input, training, 0)
                .head()
                .toFloatArray();
    }
}
