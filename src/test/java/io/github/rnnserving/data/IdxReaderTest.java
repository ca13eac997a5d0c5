package io.github.rnnserving.data;

import static io.github.rnnserving.data.ClassFolderReaderTest.countByLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.rnnserving.support.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    /** Installed by the Debian package dataset-fashion-mnist; CI installs it. */
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path temp;

    @Test
    void readsMnistWithThePublishedLabelCounts() {
        Path mnist = SharedFiles.data().resolve("mnist");

        List<ImageExample> train =
                IdxReader.trainingSet(mnist, IdxReader.MNIST_LABELS).read();
        List<ImageExample> test =
                IdxReader.testSet(mnist, IdxReader.MNIST_LABELS).read();

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(countByLabel(train))
                .isEqualTo(digitCounts(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949));
        assertThat(countByLabel(test)).isEqualTo(digitCounts(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009));
        assertThat(train.get(0).label()).isEqualTo("5");
        assertThat(test.get(0).label()).isEqualTo("7");
        assertThat(train.get(0).rows()).isEqualTo(28);
        assertThat(train.get(0).columns()).isEqualTo(28);
        // MNIST digits are white on a black border
        assertThat(train.get(0).pixel(0, 0)).isEqualTo(0);
        assertThat(train.get(0).pixel(14, 14) > 0 || train.get(0).pixel(13, 14) > 0)
                .isTrue();
    }

    @Test
    void readsFashionMnistWhenInstalled() {
        Assumptions.assumeTrue(Files.isDirectory(FASHION_MNIST), "dataset-fashion-mnist is not installed");

        List<ImageExample> train = IdxReader.trainingSet(FASHION_MNIST, IdxReader.FASHION_MNIST_LABELS)
                .read();
        List<ImageExample> test =
                IdxReader.testSet(FASHION_MNIST, IdxReader.FASHION_MNIST_LABELS).read();

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        Map<String, Long> trainCounts = countByLabel(train);
        Map<String, Long> testCounts = countByLabel(test);
        for (String label : IdxReader.FASHION_MNIST_LABELS) {
            assertThat(trainCounts.get(label)).as(label).isEqualTo(6000);
            assertThat(testCounts.get(label)).as(label).isEqualTo(1000);
        }
        assertThat(train.get(0).label()).isEqualTo("Ankle boot");
    }

    @Test
    void limitReadsOnlyTheFirstImages() {
        Path mnist = SharedFiles.data().resolve("mnist");

        List<ImageExample> first =
                IdxReader.testSet(mnist, IdxReader.MNIST_LABELS).withLimit(3).read();

        assertThat(first.stream().map(ImageExample::label).toList()).isEqualTo(List.of("7", "2", "1"));
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        byte[] images = imagesFile(2, 3, 2);
        byte[] labels = labelsFile(0, 1);
        Path plainNamedGz = temp.resolve("images.gz");
        Path gzipNamedPlain = temp.resolve("labels-idx1-ubyte");
        Files.write(plainNamedGz, images);
        Files.write(gzipNamedPlain, gzip(labels));

        List<ImageExample> examples = new IdxReader(plainNamedGz, gzipNamedPlain, List.of()).read();

        assertThat(examples.stream().map(ImageExample::label).toList()).isEqualTo(List.of("0", "1"));
        assertThat(examples.get(1).rows()).isEqualTo(3);
        assertThat(examples.get(1).columns()).isEqualTo(2);
        assertThat(examples.get(1).pixels()).containsExactly(new byte[] {6, 7, 8, 9, 10, 11});
    }

    @Test
    void wrongMagicNumberIsAnError() throws IOException {
        Path labels = write("labels", labelsFile(0, 1));

        DatasetException error = readError(labels, labels);

        assertThat(error.getMessage().contains("magic number is 2049, expected 2051"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("this is a labels file"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void truncatedHeaderIsAnError() throws IOException {
        Path images = write("images", Arrays.copyOf(imagesFile(1, 2, 2), 10));
        Path labels = write("labels", labelsFile(0));

        DatasetException error = readError(images, labels);

        assertThat(error.getMessage().contains("truncated"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("row count"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void truncatedPixelsAreAnError() throws IOException {
        byte[] whole = imagesFile(3, 2, 2);
        Path images = write("images", Arrays.copyOf(whole, whole.length - 1));
        Path labels = write("labels", labelsFile(0, 1, 2));

        DatasetException error = readError(images, labels);

        assertThat(error.getMessage().contains("truncated"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("image 2"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void truncatedGzipIsAnError() throws IOException {
        byte[] whole = gzip(imagesFile(50, 28, 28));
        Path images = write("images.gz", Arrays.copyOf(whole, whole.length / 2));
        Path labels = write("labels", labelsFile(new int[50]));

        DatasetException error = readError(images, labels);

        assertThat(error.getMessage().contains("truncated"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void countMismatchIsAnError() throws IOException {
        Path images = write("images", imagesFile(2, 2, 2));
        Path labels = write("labels", labelsFile(0, 1, 2));

        DatasetException error = readError(images, labels);

        assertThat(error.getMessage().contains("2 images but"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("3 labels"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void labelBeyondTheNamesIsAnError() throws IOException {
        Path images = write("images", imagesFile(2, 2, 2));
        Path labels = write("labels", labelsFile(1, 2));

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> new IdxReader(images, labels, List.of("zero", "one")).read())
                .actual();

        assertThat(error.getMessage().contains("label 2 of item 1"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void missingFileIsAnError() {
        Path missing = temp.resolve("missing");

        DatasetException error = readError(missing, missing);

        assertThat(error.getMessage().contains(missing.toString()))
                .as(error.getMessage())
                .isTrue();
    }

    private static DatasetException readError(Path images, Path labels) {
        return assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> new IdxReader(images, labels, List.of()).read())
                .actual();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(temp.resolve(name), bytes);
    }

    /** An IDX images file whose pixels count up from 0, image after image. */
    static byte[] imagesFile(int count, int rows, int columns) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.IMAGES_MAGIC);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int i = 0; i < count * rows * columns; i++) {
            out.writeByte(i);
        }
        return bytes.toByteArray();
    }

    static byte[] labelsFile(int... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }

    private static Map<String, Long> digitCounts(long... counts) {
        Map<String, Long> byDigit = new HashMap<>();
        for (int digit = 0; digit < counts.length; digit++) {
            byDigit.put(Integer.toString(digit), counts[digit]);
        }
        return byDigit;
    }
}
