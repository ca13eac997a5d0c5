package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Builds the classifier's {@code (input, lengths)} pair from encoded inputs, padded right. */
public final class Batches {

    private Batches() {}

    public static NDList of(NDManager manager, List<? extends EncodedInput> inputs) {
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
        NDArray data = inputs.get(0) instanceof EncodedInput.TokenIds
                ? tokenIds(manager, inputs, longest)
                : pixelRows(manager, inputs, longest);
        return new NDList(data, manager.create(lengths));
    }

    private static NDArray tokenIds(NDManager manager, List<? extends EncodedInput> inputs, int longest) {
        long[] flat = new long[inputs.size() * longest];
        for (int i = 0; i < inputs.size(); i++) {
            long[] ids = ((EncodedInput.TokenIds) inputs.get(i)).ids();
            System.arraycopy(ids, 0, flat, i * longest, ids.length);
        }
        return manager.create(flat, new Shape(inputs.size(), longest));
    }

    /** Images padded at the bottom with blank rows to the tallest; lengths keep the real rows. */
    private static NDArray pixelRows(NDManager manager, List<? extends EncodedInput> inputs, int longest) {
        int columns = ((EncodedInput.PixelRows) inputs.get(0)).columns();
        int size = longest * columns;
        float[] flat = new float[inputs.size() * size];
        for (int i = 0; i < inputs.size(); i++) {
            EncodedInput.PixelRows image = (EncodedInput.PixelRows) inputs.get(i);
            if (image.columns() != columns) {
                throw new IllegalArgumentException("images in one batch must have the same number of columns");
            }
            byte[] pixels = image.pixels();
            for (int p = 0; p < image.rows() * columns; p++) {
                flat[i * size + p] = (pixels[p] & 0xFF) / 255f;
            }
        }
        return manager.create(flat, new Shape(inputs.size(), longest, columns));
    }
}
