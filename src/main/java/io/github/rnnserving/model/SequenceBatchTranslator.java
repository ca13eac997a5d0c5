package io.github.rnnserving.model;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * Encoded sequences in (token ids or image rows, see {@link EncodedInput}), class probabilities
 * out: one batch, padded right, in one forward pass. Both kinds meet the network as the same
 * {@code (input, lengths)} pair, or as the input alone for a module called {@code forward(x)}, so
 * one translator serves every input kind and every model, TorchScript imports included.
 */
public final class SequenceBatchTranslator implements NoBatchifyTranslator<List<EncodedInput>, float[][]> {

    private final TorchScriptContract contract;

    /** For the service's own networks: {@code forward(x, lengths)} answering logits. */
    public SequenceBatchTranslator() {
        this(TorchScriptContract.LEGACY);
    }

    public SequenceBatchTranslator(TorchScriptContract contract) {
        this.contract = contract;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<EncodedInput> inputs) {
        return Batches.of(ctx.getNDManager(), inputs, contract.signature());
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        return Probabilities.of(list.head(), contract.outputs());
    }
}
