package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Builds the classifier's {@code (input, lengths)} pair from encoded inputs, padded right, or the
 * input alone for a module called {@code forward(x)}; the inputs' own type builds the input tensor
 * ({@link EncodedInput#stack}).
 */
public final class Batches {

    private Batches() {}

    public static NDList of(NDManager manager, List<? extends EncodedInput> inputs) {
        return of(manager, inputs, TorchScriptContract.Signature.X_LENGTHS);
    }

    /**
     * The arguments of {@code signature}. Without lengths the module cannot tell padding from
     * steps, so a batch of unequal lengths is refused: the serving queue never forms one.
     */
    public static NDList of(
            NDManager manager, List<? extends EncodedInput> inputs, TorchScriptContract.Signature signature) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
        long[] lengths = new long[inputs.size()];
        int longest = 0;
        for (int i = 0; i < inputs.size(); i++) {
            int length = inputs.get(i).length();
            if (length < 1) {
                throw new IllegalArgumentException("input " + i + " has no steps");
            }
            lengths[i] = length;
            longest = Math.max(longest, length);
        }
        boolean withLengths = signature == TorchScriptContract.Signature.X_LENGTHS;
        for (long length : lengths) {
            if (!withLengths && length != longest) {
                throw new IllegalArgumentException("forward(x) takes no padding: a batch must hold one length");
            }
        }
        NDArray data = inputs.get(0).stack(manager, inputs, longest);
        return withLengths ? new NDList(data, manager.create(lengths)) : new NDList(data);
    }
}
