package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * One input ready for batching: token ids, or image rows of unsigned bytes. Each type also knows
 * the tensor a batch of its kind becomes, so {@link Batches} asks it rather than which it is.
 */
public sealed interface EncodedInput permits EncodedInput.TokenIds, EncodedInput.PixelRows, EncodedInput.Continuation {

    /** Real steps: tokens, or image rows. */
    int length();

    /** The first {@code steps} steps alone, as the recurrence has read them after that step. */
    EncodedInput prefix(int steps);

    /**
     * The network's input tensor for {@code batch}, inputs of this same type, padded on the right
     * to {@code longest} steps.
     */
    NDArray stack(NDManager manager, List<? extends EncodedInput> batch, int longest);

    /** What the tensor of a batch holds, in words for messages: "int64 token ids". */
    String tensorDescription();

    record TokenIds(long[] ids) implements EncodedInput {
        @Override
        public int length() {
            return ids.length;
        }

        @Override
        public TokenIds prefix(int steps) {
            return new TokenIds(Arrays.copyOf(ids, steps));
        }

        /** {@code (B, longest)} int64, padded with id 0. */
        @Override
        public NDArray stack(NDManager manager, List<? extends EncodedInput> batch, int longest) {
            long[] flat = new long[batch.size() * longest];
            for (int i = 0; i < batch.size(); i++) {
                long[] ids = as(TokenIds.class, batch.get(i)).ids();
                System.arraycopy(ids, 0, flat, i * longest, ids.length);
            }
            return manager.create(flat, new Shape(batch.size(), longest));
        }

        @Override
        public String tensorDescription() {
            return "int64 token ids";
        }
    }

    record PixelRows(byte[] pixels, int rows, int columns) implements EncodedInput {
        @Override
        public int length() {
            return rows;
        }

        @Override
        public PixelRows prefix(int steps) {
            return new PixelRows(Arrays.copyOf(pixels, steps * columns), steps, columns);
        }

        /**
         * {@code (B, longest, columns)} float32 in [0, 1]: images padded at the bottom with blank
         * rows to the tallest; the lengths keep the real rows.
         */
        @Override
        public NDArray stack(NDManager manager, List<? extends EncodedInput> batch, int longest) {
            int size = longest * columns;
            float[] flat = new float[batch.size() * size];
            for (int i = 0; i < batch.size(); i++) {
                PixelRows image = as(PixelRows.class, batch.get(i));
                if (image.columns() != columns) {
                    throw new IllegalArgumentException("images in one batch must have the same number of columns");
                }
                byte[] pixels = image.pixels();
                for (int p = 0; p < image.rows() * columns; p++) {
                    flat[i * size + p] = (pixels[p] & 0xFF) / 255f;
                }
            }
            return manager.create(flat, new Shape(batch.size(), longest, columns));
        }

        @Override
        public String tensorDescription() {
            return "float32 image rows";
        }
    }

    /**
     * Steps read on from a hidden state a streaming session carries ({@link StreamingState}): the
     * network starts from {@code state} instead of zeros. A batch holds continuations only, all of one
     * length, so each sequence's final state is the network's own and not one read past padding.
     *
     * @param steps the new steps, token ids or image rows; may have none (the answer from the state)
     * @param state the flat hidden state, {@link StreamingState#size} floats
     */
    record Continuation(EncodedInput steps, float[] state) implements EncodedInput {

        public Continuation {
            if (steps instanceof Continuation) {
                throw new IllegalArgumentException("a continuation holds token ids or image rows");
            }
            state = state.clone();
        }

        @Override
        public float[] state() {
            return state.clone();
        }

        @Override
        public int length() {
            return steps.length();
        }

        @Override
        public EncodedInput prefix(int prefixSteps) {
            throw new UnsupportedOperationException("a continuation is read whole");
        }

        /** The new steps of every continuation in the batch, stacked as their own kind stacks them. */
        @Override
        public NDArray stack(NDManager manager, List<? extends EncodedInput> batch, int longest) {
            List<EncodedInput> inner = batch.stream()
                    .map(input -> as(Continuation.class, input).steps())
                    .toList();
            return steps.stack(manager, inner, longest);
        }

        @Override
        public String tensorDescription() {
            return steps.tensorDescription() + " with a carried state";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Continuation that && steps.equals(that.steps) && Arrays.equals(state, that.state);
        }

        @Override
        public int hashCode() {
            return 31 * steps.hashCode() + Arrays.hashCode(state);
        }

        @Override
        public String toString() {
            return "Continuation[steps=" + steps + ", state=" + state.length + " floats]";
        }
    }

    private static <T extends EncodedInput> T as(Class<T> type, EncodedInput input) {
        if (!type.isInstance(input)) {
            throw new IllegalArgumentException("a batch must hold one kind of input");
        }
        return type.cast(input);
    }
}
