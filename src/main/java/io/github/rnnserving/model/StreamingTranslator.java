package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * Streaming continuations in ({@link EncodedInput.Continuation}, all of one length), and per
 * continuation one row out: the class probabilities, then the new hidden state ({@link
 * #classes}, then {@link StreamingState#size} floats). One row per sequence keeps the serving
 * engine's hand-off, which moves a float row per sequence, the same for both kinds of pass.
 */
public final class StreamingTranslator implements NoBatchifyTranslator<List<EncodedInput>, float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, List<EncodedInput> inputs) {
        return batch(ctx.getNDManager(), inputs);
    }

    /**
     * {@code (steps, lengths, state)} of continuations of one length: the new steps stacked as their
     * kind stacks them, and the carried states as one {@code (B, S)} float32 array.
     */
    static NDList batch(NDManager manager, List<EncodedInput> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
        int length = inputs.get(0).length();
        int stateSize = -1;
        float[] states = null;
        long[] lengths = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            if (!(inputs.get(i) instanceof EncodedInput.Continuation continuation)) {
                throw new IllegalArgumentException("a streaming batch holds continuations only");
            }
            if (continuation.length() != length) {
                throw new IllegalArgumentException("a streaming batch holds continuations of one length");
            }
            float[] state = continuation.state();
            if (states == null) {
                stateSize = state.length;
                states = new float[inputs.size() * stateSize];
            } else if (state.length != stateSize) {
                throw new IllegalArgumentException("a streaming batch holds states of one size");
            }
            System.arraycopy(state, 0, states, i * stateSize, stateSize);
            lengths[i] = length;
        }
        NDArray steps = inputs.get(0).stack(manager, inputs, length);
        return new NDList(steps, manager.create(lengths), manager.create(states, new Shape(inputs.size(), stateSize)));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.get(0);
        NDArray state = list.get(1);
        int classes = (int) logits.getShape().get(1);
        int stateSize = (int) state.getShape().get(1);
        float[] probabilities =
                logits.softmax(1).toType(DataType.FLOAT32, false).toFloatArray();
        float[] states = state.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[probabilities.length / classes][classes + stateSize];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(probabilities, i * classes, rows[i], 0, classes);
            System.arraycopy(states, i * stateSize, rows[i], classes, stateSize);
        }
        return rows;
    }
}
