package io.github.rnnserving.model;

import java.util.Arrays;

/** One input ready for batching: token ids, or image rows of unsigned bytes. */
public sealed interface EncodedInput permits EncodedInput.TokenIds, EncodedInput.PixelRows {

    /** Real steps: tokens, or image rows. */
    int length();

    /** The first {@code steps} steps alone, as the recurrence has read them after that step. */
    EncodedInput prefix(int steps);

    record TokenIds(long[] ids) implements EncodedInput {
        @Override
        public int length() {
            return ids.length;
        }

        @Override
        public TokenIds prefix(int steps) {
            return new TokenIds(Arrays.copyOf(ids, steps));
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
    }
}
