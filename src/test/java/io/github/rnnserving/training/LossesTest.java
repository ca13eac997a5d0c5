package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static final float[][] LOGITS = {{2f, 0.5f, -1f}, {0f, 1f, 3f}, {0.3f, 0.2f, 0.1f}, {-2f, 4f, 1f}};
    private static final long[] LABELS = {0, 2, 1, 0};

    @Test
    void meanCrossEntropyMatchesTheDefinition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float loss = Losses.crossEntropy(manager.create(LOGITS), manager.create(LABELS))
                    .getFloat();
            double expected = 0;
            for (int i = 0; i < LABELS.length; i++) {
                expected += nll(LOGITS[i], (int) LABELS[i]);
            }
            assertThat((double) loss).isCloseTo(expected / LABELS.length, within(1e-6));
        }
    }

    @Test
    void weightedCrossEntropyReducesAsPyTorchDoes() {
        float[] weights = {0.5f, 2f, 3f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray loss = Losses.crossEntropy(manager.create(LOGITS), manager.create(LABELS), manager.create(weights));
            double weighted = 0;
            double weightSum = 0;
            for (int i = 0; i < LABELS.length; i++) {
                float w = weights[(int) LABELS[i]];
                weighted += w * nll(LOGITS[i], (int) LABELS[i]);
                weightSum += w;
            }
            assertThat((double) loss.getFloat()).isCloseTo(weighted / weightSum, within(1e-6));
        }
    }

    @Test
    void equalWeightsGiveThePlainMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float plain = Losses.crossEntropy(manager.create(LOGITS), manager.create(LABELS))
                    .getFloat();
            float weighted = Losses.crossEntropy(
                            manager.create(LOGITS), manager.create(LABELS), manager.create(new float[] {1.7f, 1.7f, 1.7f
                            }))
                    .getFloat();
            assertThat((double) weighted).isCloseTo(plain, within(1e-6));
        }
    }

    @Test
    void balancedWeightsAreInverseCountsAveragingOnePerExample() {
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2};
        float[] weights = Losses.classWeights(labels, 4, 1f);
        // counts 6, 2, 2, 0: weights proportional to 1/6, 1/2, 1/2, and every class weighs the same in total
        assertThat(weights).containsExactly(new float[] {10f / 18, 10f / 6, 10f / 6, 0f}, within(1e-6f));
        assertThat((double) (6 * weights[0] + 2 * weights[1] + 2 * weights[2])).isCloseTo(labels.length, within(1e-5));
    }

    @Test
    void squareRootWeightsSitBetweenNoneAndBalanced() {
        int[] labels = {0, 0, 0, 0, 1};
        float[] none = Losses.classWeights(labels, 2, 0f);
        float[] root = Losses.classWeights(labels, 2, 0.5f);
        assertThat(none).containsExactly(new float[] {1f, 1f}, within(1e-6f));
        assertThat((double) (root[1] / root[0])).isCloseTo(2.0, within(1e-5));
        assertThat((double) (4 * root[0] + root[1])).isCloseTo(labels.length, within(1e-5));
    }

    private static double nll(float[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return -(logits[label] - max - Math.log(sum));
    }
}
