package io.github.rnnserving.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.support.SharedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFingerprintTest {

    private static final SplitOptions OPTIONS = new SplitOptions(42, 0.2, 0.2, true);

    @TempDir
    Path temp;

    @BeforeEach
    void writeDataset() throws IOException {
        Files.writeString(temp.resolve("a.txt"), "one\ntwo\nthree\nfour\nfive\nfive\n");
        Files.writeString(temp.resolve("b.txt"), "six\nseven\neight\nnine\nten\n");
    }

    @Test
    void sameFilesAndSplitGiveTheSameFingerprint() {
        String first = fingerprint(temp, OPTIONS);
        String second = fingerprint(temp, OPTIONS);

        assertThat(second).isEqualTo(first);
        assertThat(first.matches("[0-9a-f]{64}")).as(first).isTrue();
    }

    @Test
    void movingTheDatasetFolderKeepsTheFingerprint() throws IOException {
        Path moved = Files.createDirectory(temp.resolve("moved"));
        Files.copy(temp.resolve("a.txt"), moved.resolve("a.txt"));
        Files.copy(temp.resolve("b.txt"), moved.resolve("b.txt"));

        assertThat(fingerprint(moved, OPTIONS)).isEqualTo(fingerprint(temp, OPTIONS));
    }

    @Test
    void changingOneFileByteChangesTheFingerprint() throws IOException {
        String before = fingerprint(temp, OPTIONS);
        Files.writeString(temp.resolve("b.txt"), "six\nseven\neight\nnine\nTen\n");

        assertThat(fingerprint(temp, OPTIONS)).isNotEqualTo(before);
    }

    @Test
    void bytesTheReaderIgnoresStillChangeTheFingerprint() throws IOException {
        String before = fingerprint(temp, OPTIONS);
        Files.writeString(temp.resolve("b.txt"), "six\nseven\neight\nnine\nten \n");

        assertThat(fingerprint(temp, OPTIONS)).isNotEqualTo(before);
    }

    @Test
    void changingTheSplitOptionsChangesTheFingerprint() {
        String base = fingerprint(temp, OPTIONS);

        assertThat(fingerprint(temp, new SplitOptions(43, 0.2, 0.2, true))).isNotEqualTo(base);
        assertThat(fingerprint(temp, new SplitOptions(42, 0.2, 0.2, false))).isNotEqualTo(base);
        assertThat(fingerprint(temp, new SplitOptions(42, 0.1, 0.2, true))).isNotEqualTo(base);
    }

    @Test
    void sourceFilesMustLieUnderTheBaseFolder() throws IOException {
        Path outside = Files.createTempFile("outside", ".txt");
        try {
            DatasetSplit<TextExample> empty = new DatasetSplit<>(List.of(), List.of(), List.of());
            Path base = Files.createDirectory(temp.resolve("base"));

            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> DatasetFingerprint.of(base, List.of(outside), OPTIONS, empty));
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void fingerprintsMnistWithAGivenTestSet() {
        Path mnist = SharedFiles.data().resolve("mnist");
        IdxReader trainReader = IdxReader.trainingSet(mnist, IdxReader.MNIST_LABELS);
        IdxReader testReader = IdxReader.testSet(mnist, IdxReader.MNIST_LABELS);
        SplitOptions options = new SplitOptions(1, 1.0 / 12, 0, false);
        DatasetSplit<ImageExample> split =
                new DatasetSplitter(options).splitWithGivenTest(trainReader.read(), testReader.read());
        List<Path> files = List.of(
                trainReader.sourceFiles().get(0),
                trainReader.sourceFiles().get(1),
                testReader.sourceFiles().get(0),
                testReader.sourceFiles().get(1));

        String fingerprint = DatasetFingerprint.of(mnist, files, options, split);

        assertThat(split.train().size() + split.validation().size()).isEqualTo(60_000);
        // each of the 10 labels rounds its own twelfth, so the total may be off by up to 5
        assertThat(split.validation().size()).isCloseTo(5_000, within(5));
        assertThat(split.test().size()).isEqualTo(10_000);
        List<Path> shuffledFiles = List.of(files.get(3), files.get(0), files.get(2), files.get(1));
        assertThat(DatasetFingerprint.of(mnist, shuffledFiles, options, split)).isEqualTo(fingerprint);
    }

    private static String fingerprint(Path folder, SplitOptions options) {
        ClassFolderReader reader = new ClassFolderReader(folder, StandardCharsets.UTF_8);
        DatasetSplit<TextExample> split = new DatasetSplitter(options).split(reader.read());
        return DatasetFingerprint.of(folder, reader.sourceFiles(), options, split);
    }
}
