package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Index arithmetic for a right-padded batch: which steps are real, where each sequence ends, and
 * the gather index that reverses each sequence within its own length (padding stays in place).
 */
final class StepIndex {

    private final NDArray lengths;
    private final NDArray mask;
    private final NDArray reverseIndex;

    private StepIndex(NDArray lengths, NDArray mask, NDArray reverseIndex) {
        this.lengths = lengths;
        this.mask = mask;
        this.reverseIndex = reverseIndex;
    }

    static StepIndex of(NDArray lengths, long steps) {
        NDManager manager = lengths.getManager();
        NDArray time =
                manager.arange(0, steps, 1, DataType.INT64, lengths.getDevice()).expandDims(0);
        NDArray length = lengths.expandDims(1);
        NDArray mask = time.lt(length);
        NDArray reversed = length.sub(1).sub(time);
        NDArray reverseIndex = NDArrays.where(mask, reversed, time.broadcast(mask.getShape()));
        return new StepIndex(lengths, mask, reverseIndex);
    }

    /** {@code (B, T)} float, 1 on real steps and 0 on padding. */
    NDArray mask() {
        return mask.toType(DataType.FLOAT32, false);
    }

    NDArray lengthsAsFloat() {
        return lengths.toType(DataType.FLOAT32, false);
    }

    /** Steps {@code 0..len-1} of each row in reverse order, padding unchanged. */
    NDArray reverseWithinLength(NDArray sequence) {
        Shape shape = sequence.getShape();
        NDArray index = reverseIndex.expandDims(2).broadcast(shape);
        return sequence.gather(index, 1);
    }

    /** {@code (B, F)}: each row's value at its own last real step. */
    NDArray atLastStep(NDArray sequence) {
        Shape shape = sequence.getShape();
        NDArray index = lengths.sub(1).reshape(shape.get(0), 1, 1).broadcast(shape.get(0), 1, shape.get(2));
        return sequence.gather(index, 1).squeeze(1);
    }
}
