package io.github.rnnserving.model;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/** Token-id sequences in, class probabilities out: one batch, padded right, in one forward pass. */
public final class TextTranslator implements NoBatchifyTranslator<List<long[]>, float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, List<long[]> tokenIds) {
        List<EncodedInput> inputs = new ArrayList<>(tokenIds.size());
        for (long[] ids : tokenIds) {
            inputs.add(new EncodedInput.TokenIds(ids));
        }
        return Batches.of(ctx.getNDManager(), inputs);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        return Probabilities.of(list.head());
    }
}
