package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;

final class Losses {

    private Losses() {}

    /** Mean softmax cross-entropy of {@code logits (B, C)} against class indices {@code (B)}. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray picked = logProbabilities.gather(labels.reshape(-1, 1), 1);
        return picked.mean().neg();
    }
}
