package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;

final class Probabilities {

    private Probabilities() {}

    /** Softmax of {@code logits (B, C)} as rows of Java floats. */
    static float[][] of(NDArray logits) {
        NDArray softmax = logits.softmax(1);
        int classes = (int) softmax.getShape().get(1);
        float[] flat = softmax.toFloatArray();
        float[][] rows = new float[flat.length / classes][classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * classes, rows[i], 0, classes);
        }
        return rows;
    }
}
