package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * A generator's continuations in ({@link EncodedInput.Continuation}s of token ids, all of one
 * length {@code T ≥ 1}, from {@link GenerationState}s), and per continuation one row out: the
 * natural-log probabilities of the next token after each of the {@code T} steps ({@code T × V},
 * step-major), then the new state. One row per sequence, as the serving engine hands answers over.
 */
public final class GeneratorTranslator implements NoBatchifyTranslator<List<EncodedInput>, float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, List<EncodedInput> inputs) {
        if (!inputs.isEmpty() && inputs.get(0).length() < 1) {
            throw new IllegalArgumentException("a generator reads at least one token a pass");
        }
        return StreamingTranslator.batch(ctx.getNDManager(), inputs);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.get(0);
        NDArray state = list.get(1);
        int batch = (int) logits.getShape().get(0);
        int perRow = (int) (logits.getShape().get(1) * logits.getShape().get(2));
        int stateSize = (int) state.getShape().get(1);
        float[] logProbabilities =
                logits.logSoftmax(2).toType(DataType.FLOAT32, false).toFloatArray();
        float[] states = state.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[batch][perRow + stateSize];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(logProbabilities, i * perRow, rows[i], 0, perRow);
            System.arraycopy(states, i * stateSize, rows[i], perRow, stateSize);
        }
        return rows;
    }
}
