package io.github.rnnserving.model;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of one NumPy {@code .npy} array (format versions 1.0 to 3.0), read before any of the
 * array's data so that its shape and element type can be checked against what the architecture
 * needs, and the data's size known, before a byte of it is inflated.
 *
 * @param name the array's name in its {@code .npz}, without {@code .npy}
 * @param descr the element type as NumPy spells it ({@code <f4})
 * @param shape the array's dimensions
 * @param headerBytes the header's length in the file, magic included
 */
public record NpyHeader(String name, String descr, Shape shape, int headerBytes) {

    /** NumPy itself refuses headers over 10,000 bytes unless told otherwise; a model has no need. */
    static final int MAX_HEADER_BYTES = 10_000;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DIMENSION = Pattern.compile("\\d{1,18}");

    /**
     * Reads the header and leaves {@code in} at the first byte of the data.
     *
     * @throws InvalidWeightsException when the bytes are not an {@code .npy} header of a little-endian,
     *     C-ordered float array
     */
    public static NpyHeader read(String name, InputStream in) throws IOException {
        byte[] start = in.readNBytes(MAGIC.length + 2);
        if (start.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
            throw invalid(name, "is not a NumPy .npy array (no \\x93NUMPY magic)");
        }
        int major = start[MAGIC.length];
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw invalid(name, "has .npy format version " + major + ", not 1, 2 or 3");
        };
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw invalid(name, "ends inside its .npy header");
        }
        long length = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            length = (length << 8) | (lengthField[i] & 0xFF);
        }
        if (length > MAX_HEADER_BYTES) {
            throw invalid(name, "has a .npy header of " + length + " bytes (at most " + MAX_HEADER_BYTES + ")");
        }
        byte[] dictionary = in.readNBytes((int) length);
        if (dictionary.length < length) {
            throw invalid(name, "ends inside its .npy header");
        }
        String text = new String(dictionary, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, text, name, "descr");
        if (!group(FORTRAN, text, name, "fortran_order").equals("False")) {
            throw invalid(name, "is stored in Fortran order; save it C-ordered (np.ascontiguousarray)");
        }
        Shape shape = parseShape(name, group(SHAPE, text, name, "shape"));
        NpyHeader header = new NpyHeader(name, descr, shape, MAGIC.length + 2 + lengthBytes + (int) length);
        header.dataType(); // refuses other element types here, before the data
        return header;
    }

    /** The element type: float16, float32 or float64, little-endian (what PyTorch's parameters are). */
    public DataType dataType() {
        return switch (descr) {
            case "<f2" -> DataType.FLOAT16;
            case "<f4" -> DataType.FLOAT32;
            case "<f8" -> DataType.FLOAT64;
            default ->
                throw invalid(
                        name,
                        "has element type '" + descr + "'; weights must be little-endian"
                                + " float16, float32 or float64 ('<f2', '<f4', '<f8')");
        };
    }

    /** Bytes of data that follow the header: elements × element size. */
    public long dataBytes() {
        return shape.size() * dataType().getNumOfBytes();
    }

    private static Shape parseShape(String name, String tuple) {
        String[] parts = tuple.split(",");
        long[] dimensions = new long[parts.length];
        int count = 0;
        for (String part : parts) {
            String dimension = part.strip();
            if (dimension.isEmpty()) {
                continue; // the trailing comma of a 1-tuple, or an empty tuple
            }
            if (!DIMENSION.matcher(dimension).matches()) {
                throw invalid(name, "has a .npy shape that is not a tuple of sizes: (" + tuple + ")");
            }
            dimensions[count++] = Long.parseLong(dimension);
        }
        if (count > 8) {
            throw invalid(name, "has " + count + " dimensions");
        }
        long elements = 1;
        for (int i = 0; i < count; i++) {
            // element size 8 at most: a shape whose bytes overflow a long cannot be anyone's weights
            if (dimensions[i] != 0 && elements > Long.MAX_VALUE / 8 / dimensions[i]) {
                throw invalid(name, "has a .npy shape too large to hold: (" + tuple + ")");
            }
            elements *= dimensions[i];
        }
        return new Shape(Arrays.copyOf(dimensions, count));
    }

    private static String group(Pattern pattern, String text, String name, String key) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw invalid(name, "has a .npy header without a readable '" + key + "'");
        }
        return matcher.group(1);
    }

    private static InvalidWeightsException invalid(String name, String problem) {
        return new InvalidWeightsException(name + " " + problem);
    }
}
