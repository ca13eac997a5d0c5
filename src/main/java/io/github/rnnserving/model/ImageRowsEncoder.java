package io.github.rnnserving.model;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.ImageExample;

/**
 * Grayscale images as pixel rows, one step per row: the {@link InputEncoder} of an {@link
 * ImageRowsInputSpec}. Pixels stay unsigned bytes until a batch scales them to [0, 1].
 */
public record ImageRowsEncoder(int rows, int columns) implements InputEncoder {

    /** An image example's rows; it must have the model's size. */
    @Override
    public EncodedInput encode(Example example) {
        if (!(example instanceof ImageExample image)) {
            throw new IllegalArgumentException("an image model cannot read text examples");
        }
        if (image.rows() != rows || image.columns() != columns) {
            throw new IllegalArgumentException(
                    "image of " + image.rows() + "x" + image.columns() + " for a model of " + rows + "x" + columns);
        }
        return encode(image.pixels());
    }

    /** Row-major pixels of one image of the model's size, 0 to 255 as unsigned bytes. */
    public EncodedInput.PixelRows encode(byte[] pixels) {
        if (pixels.length != rows * columns) {
            throw new IllegalArgumentException(
                    "expected " + rows * columns + " pixels for " + rows + "x" + columns + ", got " + pixels.length);
        }
        return new EncodedInput.PixelRows(pixels, rows, columns);
    }

    /** A blank image; no image lacks steps, so scoring never needs it. */
    @Override
    public EncodedInput standIn() {
        return new EncodedInput.PixelRows(new byte[rows * columns], rows, columns);
    }
}
