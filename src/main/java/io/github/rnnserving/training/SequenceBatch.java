package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Some rows of {@link TextSequences} as a language model's teacher-forced batch: the input {@code
 * (ids (B, T), lengths (B), condition (B))} and the targets {@code (B, T)}, each the input shifted
 * by one, padded on the right with {@code mask} 0 past a row's length.
 *
 * @param positions real target positions in the batch (the mask's sum)
 */
record SequenceBatch(NDList input, NDArray targets, NDArray mask, long positions) {

    static SequenceBatch of(NDManager manager, TextSequences data, int[] batch) {
        int longest = 0;
        for (int index : batch) {
            longest = Math.max(longest, data.steps(index));
        }
        long[] ids = new long[batch.length * longest];
        long[] targets = new long[batch.length * longest];
        float[] mask = new float[batch.length * longest];
        long[] lengths = new long[batch.length];
        long[] conditions = new long[batch.length];
        long positions = 0;
        for (int i = 0; i < batch.length; i++) {
            long[] row = data.rows().get(batch[i]);
            int steps = row.length - 1;
            System.arraycopy(row, 0, ids, i * longest, steps);
            System.arraycopy(row, 1, targets, i * longest, steps);
            for (int t = 0; t < steps; t++) {
                mask[i * longest + t] = 1;
            }
            lengths[i] = steps;
            conditions[i] = data.conditions()[batch[i]];
            positions += steps;
        }
        Shape shape = new Shape(batch.length, longest);
        NDList input = new NDList(manager.create(ids, shape), manager.create(lengths), manager.create(conditions));
        return new SequenceBatch(input, manager.create(targets, shape), manager.create(mask, shape), positions);
    }
}
