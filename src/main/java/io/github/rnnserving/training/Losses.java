package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;

final class Losses {

    private Losses() {}

    /** Mean softmax cross-entropy of {@code logits (B, C)} against class indices {@code (B)}. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return negativeLogLikelihood(logits, labels).mean();
    }

    /**
     * Class-weighted softmax cross-entropy as PyTorch's {@code CrossEntropyLoss(weight=w)} reduces
     * it: {@code sum(w[y] * nll) / sum(w[y])} over the batch.
     *
     * @param classWeights {@code (C)} float32
     */
    static NDArray crossEntropy(NDArray logits, NDArray labels, NDArray classWeights) {
        NDArray perExample = classWeights.get(labels);
        return negativeLogLikelihood(logits, labels).mul(perExample).sum().div(perExample.sum());
    }

    /**
     * Weights {@code (1 / count)^power} per class from the training labels, scaled so the average
     * training example weighs 1; a class with no training example gets 0.
     */
    static float[] classWeights(int[] labels, int classes, float power) {
        long[] counts = new long[classes];
        for (int label : labels) {
            counts[label]++;
        }
        double[] raw = new double[classes];
        double total = 0;
        for (int c = 0; c < classes; c++) {
            raw[c] = counts[c] == 0 ? 0 : Math.pow(counts[c], -power);
            total += raw[c] * counts[c];
        }
        float[] weights = new float[classes];
        for (int c = 0; c < classes; c++) {
            weights[c] = (float) (raw[c] * labels.length / total);
        }
        return weights;
    }

    private static NDArray negativeLogLikelihood(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1).reshape(-1).neg();
    }
}
