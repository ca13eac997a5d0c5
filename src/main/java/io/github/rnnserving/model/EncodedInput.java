package io.github.rnnserving.model;

/** One input ready for batching: token ids, or image rows of unsigned bytes. */
public sealed interface EncodedInput permits EncodedInput.TokenIds, EncodedInput.PixelRows {

    /** Real steps: tokens, or image rows. */
    int length();

    record TokenIds(long[] ids) implements EncodedInput {
        @Override
        public int length() {
            return ids.length;
        }
    }

    record PixelRows(byte[] pixels, int rows, int columns) implements EncodedInput {
        @Override
        public int length() {
            return rows;
        }
    }
}
