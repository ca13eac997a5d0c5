package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;

/** Class probabilities from a network's answers, and the most probable class of a row. */
public final class Probabilities {

    private Probabilities() {}

    /**
     * Class probabilities of a network's answers {@code (B, C)} as rows of Java floats: the softmax
     * of logits, the exponential of log-probabilities, probabilities as they are.
     */
    static float[][] of(NDArray answers, TorchScriptContract.Outputs outputs) {
        NDArray probabilities = switch (outputs) {
            case LOGITS -> answers.softmax(1);
            case LOG_PROBABILITIES -> answers.exp();
            case PROBABILITIES -> answers;
        };
        int classes = (int) probabilities.getShape().get(1);
        // a module may answer in float64; Java callers read float32
        float[] flat = probabilities.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[flat.length / classes][classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * classes, rows[i], 0, classes);
        }
        return rows;
    }

    /**
     * Indices of the {@code k} largest of the first {@code count} values, largest first; equal
     * values keep the lower index first.
     */
    public static int[] ranked(float[] values, int count, int k) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(values[b], values[a]));
        int[] top = new int[k];
        for (int i = 0; i < k; i++) {
            top[i] = order[i];
        }
        return top;
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
