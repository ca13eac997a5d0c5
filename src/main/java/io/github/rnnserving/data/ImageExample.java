package io.github.rnnserving.data;

import java.util.Objects;

/** A grayscale image, row-major, one unsigned byte per pixel (0 = black, 255 = white). */
public record ImageExample(byte[] pixels, int rows, int columns, String label) implements Example {

    public ImageExample {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(label, "label");
        if (pixels.length != rows * columns) {
            throw new IllegalArgumentException("expected " + rows * columns + " pixels, got " + pixels.length);
        }
    }

    public int pixel(int row, int column) {
        return pixels[row * columns + column] & 0xFF;
    }

    @Override
    public String groupKey() {
        return null;
    }
}
