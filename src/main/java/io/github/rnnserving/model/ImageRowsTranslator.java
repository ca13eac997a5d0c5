package io.github.rnnserving.model;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Images in, class probabilities out. Each image is its rows (a prefix of rows for "explain"),
 * one unsigned byte per pixel, scaled to [0, 1] as in training.
 */
public final class ImageRowsTranslator implements NoBatchifyTranslator<List<EncodedInput.PixelRows>, float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, List<EncodedInput.PixelRows> images) {
        return Batches.of(ctx.getNDManager(), new ArrayList<>(images));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        return Probabilities.of(list.head());
    }
}
