package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;

/** Class probabilities from logits, and the most probable class of a row. */
public final class Probabilities {

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

    /** Index of the largest value; the first one on ties. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
