package io.github.rnnserving.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads a pair of IDX files, images (magic 2051: count, rows, columns, then unsigned bytes) and
 * labels (magic 2049: count, then one unsigned byte each), as MNIST and Fashion-MNIST ship them.
 *
 * <p>A file is gunzipped when it starts with the gzip magic bytes {@code 1f 8b}, whatever its name.
 * The label of an image is {@code labelNames.get(index)}, or the index in decimal when no names are
 * given. With a {@link #withLimit limit}, only the first images are read, so a truncation after
 * them goes unnoticed.
 */
public final class IdxReader {

    public static final List<String> MNIST_LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    public static final List<String> FASHION_MNIST_LABELS = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path imagesFile;
    private final Path labelsFile;
    private final List<String> labelNames;
    private final int limit;

    public IdxReader(Path imagesFile, Path labelsFile, List<String> labelNames) {
        this(imagesFile, labelsFile, labelNames, Integer.MAX_VALUE);
    }

    private IdxReader(Path imagesFile, Path labelsFile, List<String> labelNames, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        this.imagesFile = Objects.requireNonNull(imagesFile, "imagesFile");
        this.labelsFile = Objects.requireNonNull(labelsFile, "labelsFile");
        this.labelNames = List.copyOf(labelNames);
        this.limit = limit;
    }

    /** {@code train-images-idx3-ubyte[.gz]} and {@code train-labels-idx1-ubyte[.gz]} in folder. */
    public static IdxReader trainingSet(Path folder, List<String> labelNames) {
        return new IdxReader(
                standardFile(folder, "train-images-idx3-ubyte"),
                standardFile(folder, "train-labels-idx1-ubyte"),
                labelNames);
    }

    /** {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]} in folder. */
    public static IdxReader testSet(Path folder, List<String> labelNames) {
        return new IdxReader(
                standardFile(folder, "t10k-images-idx3-ubyte"),
                standardFile(folder, "t10k-labels-idx1-ubyte"),
                labelNames);
    }

    /** Reads only the first {@code maxImages} images and labels. */
    public IdxReader withLimit(int maxImages) {
        return new IdxReader(imagesFile, labelsFile, labelNames, maxImages);
    }

    public List<Path> sourceFiles() {
        return List.of(imagesFile, labelsFile);
    }

    public List<ImageExample> read() {
        try (DataInputStream images = open(imagesFile);
                DataInputStream labels = open(labelsFile)) {
            checkMagic(images, imagesFile, IMAGES_MAGIC);
            int imageCount = readHeaderInt(images, imagesFile, "image count");
            int rows = readHeaderInt(images, imagesFile, "row count");
            int columns = readHeaderInt(images, imagesFile, "column count");
            checkMagic(labels, labelsFile, LABELS_MAGIC);
            int labelCount = readHeaderInt(labels, labelsFile, "label count");
            checkHeader(imageCount, rows, columns, labelCount);

            int count = Math.min(imageCount, limit);
            byte[] labelIndices = readBytes(labels, labelsFile, count, "the labels");
            List<ImageExample> examples = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] pixels = readBytes(images, imagesFile, rows * columns, "image " + i);
                String label = labelName(labelIndices[i], i);
                examples.add(new ImageExample(pixels, rows, columns, label));
            }
            return List.copyOf(examples);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + imagesFile + " / " + labelsFile + ": " + e, e);
        }
    }

    private static Path standardFile(Path folder, String baseName) {
        Path gzipped = folder.resolve(baseName + ".gz");
        return Files.exists(gzipped) ? gzipped : folder.resolve(baseName);
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("IDX file does not exist: " + file);
        }
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        raw.mark(2);
        boolean gzipped = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
        raw.reset();
        InputStream content =
                gzipped ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES) : raw;
        return new DataInputStream(content);
    }

    private static void checkMagic(DataInputStream in, Path file, int expected) throws IOException {
        int magic = readHeaderInt(in, file, "magic number");
        if (magic != expected) {
            throw new DatasetException(String.format(
                    "%s: IDX magic number is %d, expected %d (%s)%s",
                    file, magic, expected, expected == IMAGES_MAGIC ? "images" : "labels", hintForMagic(magic)));
        }
    }

    private static int readHeaderInt(DataInputStream in, Path file, String field) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(file + " is truncated: it ends inside the IDX header, at the " + field, e);
        }
    }

    private static String hintForMagic(int magic) {
        if (magic == IMAGES_MAGIC) {
            return "; this is an images file";
        }
        if (magic == LABELS_MAGIC) {
            return "; this is a labels file";
        }
        return "";
    }

    private void checkHeader(int imageCount, int rows, int columns, int labelCount) {
        if (imageCount < 0 || labelCount < 0) {
            throw new DatasetException("negative item count in IDX header: "
                    + imagesFile
                    + " has "
                    + imageCount
                    + ", "
                    + labelsFile
                    + " has "
                    + labelCount);
        }
        if (rows <= 0 || columns <= 0 || (long) rows * columns > Integer.MAX_VALUE) {
            throw new DatasetException(
                    String.format("%s: implausible image size %dx%d in IDX header", imagesFile, rows, columns));
        }
        if (imageCount != labelCount) {
            throw new DatasetException("count mismatch: "
                    + imagesFile
                    + " has "
                    + imageCount
                    + " images but "
                    + labelsFile
                    + " has "
                    + labelCount
                    + " labels");
        }
    }

    private static byte[] readBytes(DataInputStream in, Path file, int length, String what) throws IOException {
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new DatasetException(
                    String.format("%s is truncated: it ends inside %s, short of what its header promises", file, what),
                    e);
        }
        return bytes;
    }

    private String labelName(byte labelByte, int index) {
        int labelIndex = labelByte & 0xFF;
        if (labelNames.isEmpty()) {
            return Integer.toString(labelIndex);
        }
        if (labelIndex >= labelNames.size()) {
            throw new DatasetException(String.format(
                    "%s: label %d of item %d is beyond the %d label names %s",
                    labelsFile, labelIndex, index, labelNames.size(), labelNames));
        }
        return labelNames.get(labelIndex);
    }
}
