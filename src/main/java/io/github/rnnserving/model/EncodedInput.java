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
public sealed interface EncodedInput permits EncodedInput.TokenIds, EncodedInput.PixelRows {

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

    private static <T extends EncodedInput> T as(Class<T> type, EncodedInput input) {
        if (!type.isInstance(input)) {
            throw new IllegalArgumentException("a batch must hold one kind of input");
        }
        return type.cast(input);
    }
}
