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

    /**
     * Summed cross-entropy of a sequence model's {@code logits (B, T, V)} against {@code targets (B,
     * T)} over the real positions alone ({@code mask (B, T)}, 1 for a real target and 0 for
     * padding): the numerator of PyTorch's {@code CrossEntropyLoss(ignore_index=pad)}. Divided by the
     * count of real positions it is the mean loss; a padded position adds nothing to it or its
     * gradient.
     */
    static NDArray maskedCrossEntropySum(NDArray logits, NDArray targets, NDArray mask) {
        NDArray nll =
                logits.logSoftmax(2).gather(targets.expandDims(2), 2).squeeze(2).neg();
        return nll.mul(mask).sum();
    }

    /** Real positions whose most likely token is the target. */
    static long maskedCorrect(NDArray logits, NDArray targets, NDArray mask) {
        return logits.argMax(2)
                .eq(targets)
                .toType(mask.getDataType(), false)
                .mul(mask)
                .sum()
                .toType(ai.djl.ndarray.types.DataType.INT64, false)
                .getLong();
    }

    private static NDArray negativeLogLikelihood(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1).reshape(-1).neg();
    }
}
