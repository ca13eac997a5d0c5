package io.github.rnnserving.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grayscale image read row by row: each step is one row of {@code columns} pixels, scaled from
 * 0–255 to [0, 1].
 */
public record ImageRowsInputSpec(Integer rows, Integer columns) implements InputSpec {

    /**
     * The size the serving path feeds: a PNG or an {@code image} array is fitted to 28×28, so a
     * model of any other size could not be fed.
     */
    public static final int SERVED_ROWS = 28;

    public static final int SERVED_COLUMNS = 28;

    public ImageRowsInputSpec {
        if (rows == null || columns == null) {
            throw new IllegalArgumentException("an image-rows input needs rows and columns");
        }
    }

    @Override
    public InputKind kind() {
        return InputKind.IMAGE_ROWS;
    }

    @Override
    public int vocabularySize() {
        return 0;
    }

    @Override
    public int inputSize(int embeddingSize) {
        return columns;
    }

    @Override
    public ImageRowsEncoder encoder() {
        return new ImageRowsEncoder(rows, columns);
    }

    @Override
    public EncodedInput warmUpSample() {
        return blank(rows);
    }

    @Override
    public List<EncodedInput> probeBatch() {
        return List.of(blank(rows), blank(1));
    }

    @Override
    public List<EncodedInput> probeInputs(boolean equalLengths) {
        int[] steps = equalLengths ? new int[] {rows, rows, rows} : new int[] {rows, 1, Math.max(1, rows / 2)};
        List<EncodedInput> inputs = new ArrayList<>();
        for (int k = 0; k < steps.length; k++) {
            // a different pattern per input: identical inputs would hide answers swapped in a batch
            byte[] pixels = new byte[steps[k] * columns];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (byte) ((37 * k + 11 * (p / columns) + 5 * (p % columns) * (k + 1)) % 256);
            }
            inputs.add(new EncodedInput.PixelRows(pixels, steps[k], columns));
        }
        return inputs;
    }

    private EncodedInput.PixelRows blank(int steps) {
        return new EncodedInput.PixelRows(new byte[steps * columns], steps, columns);
    }

    @Override
    public void checkServable(String path) {
        require(rows >= 1, path + ".rows", path + ".rows must be at least 1, got " + rows);
        require(columns >= 1, path + ".columns", path + ".columns must be at least 1, got " + columns);
        require(
                rows == SERVED_ROWS,
                path + ".rows",
                "image models read " + SERVED_ROWS + "×" + SERVED_COLUMNS + " images row by row: " + path
                        + ".rows must be " + SERVED_ROWS + ", got " + rows);
        require(
                columns == SERVED_COLUMNS,
                path + ".columns",
                "image models read " + SERVED_ROWS + "×" + SERVED_COLUMNS + " images row by row: " + path
                        + ".columns must be " + SERVED_COLUMNS + ", got " + columns);
    }

    @Override
    public void checkReadableBy(Architecture architecture, String path) {
        require(
                columns == architecture.inputSize(),
                path + ".columns",
                path + ".columns (" + columns + ") must equal the architecture's inputSize (" + architecture.inputSize()
                        + "): each step is one row of pixels");
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidInputSpecException(field, message);
        }
    }

    @Override
    public String description() {
        return "image rows " + rows + "×" + columns;
    }

    @Override
    public Map<String, Object> card() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("rows", rows);
        card.put("columns", columns);
        card.put("pixels", "0-255, white on black");
        return card;
    }

    @Override
    public RequestForm requestForm() {
        return new RequestForm(
                rows + "×" + columns + " images",
                List.of("image", "images", "imageBase64"),
                "maxImagePixels",
                Map.of("image", new int[rows][columns]));
    }
}
