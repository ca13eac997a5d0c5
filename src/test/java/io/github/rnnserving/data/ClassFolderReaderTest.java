package io.github.rnnserving.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.rnnserving.support.SharedFiles;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFolderReaderTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path temp;

    @Test
    void readsTheNamesDataWithItsPublishedCounts() {
        ClassFolderReader reader = new ClassFolderReader(SharedFiles.data().resolve("names"), StandardCharsets.UTF_8);

        List<TextExample> names = reader.read();
        Map<String, Long> counts = countByLabel(names);

        assertThat(reader.sourceFiles().size())
                .as("PROVENANCE.md is not a class")
                .isEqualTo(18);
        assertThat(names.size()).isEqualTo(20_074);
        assertThat(counts.size()).isEqualTo(18);
        assertThat(counts.get("Arabic")).isEqualTo(2000);
        assertThat(counts.get("English")).isEqualTo(3668);
        assertThat(counts.get("Russian")).isEqualTo(9408);
        assertThat(counts.get("Korean")).isEqualTo(94);
        assertThat(counts.get("Vietnamese")).isEqualTo(73);
        assertThat(names.contains(new TextExample("Bélanger", "French"))).isTrue();
        assertThat(names.get(0)).as("files in name order").isEqualTo(new TextExample("Khoury", "Arabic"));
    }

    @Test
    void readsSentencePolarityAsWindows1252() {
        List<TextExample> sentences = new ClassFolderReader(
                        SharedFiles.data().resolve("sentences"),
                        WINDOWS_1252,
                        Map.of("pos", "positive", "neg", "negative"))
                .read();

        assertThat(sentences.size()).isEqualTo(10_662);
        assertThat(countByLabel(sentences)).isEqualTo(Map.of("positive", 5331L, "negative", 5331L));
        // 0x85 and 0xE9 are "…" and "é" in windows-1252; as UTF-8 they would not decode at all
        List<String> texts = sentences.stream().map(TextExample::text).toList();
        assertThat(texts.stream().anyMatch(t -> t.contains("preciously interwoven… [the film]")))
                .isTrue();
        assertThat(texts.contains("the action clichés just pile up .")).isTrue();
        assertThat(texts.stream().anyMatch(t -> t.indexOf('\uFFFD') >= 0)).isFalse();
        assertThat(texts.stream().anyMatch(t -> t.endsWith(" ")))
                .as("trailing space stripped")
                .isFalse();
    }

    @Test
    void windows1252OriginalsDecodeToTheSameTextAsTheUtf8Copies() {
        Path sentences = SharedFiles.data().resolve("sentences");

        List<TextExample> original = new ClassFolderReader(sentences, WINDOWS_1252).read();
        List<TextExample> utf8 = new ClassFolderReader(sentences.resolve("utf8"), StandardCharsets.UTF_8).read();

        assertThat(original).isEqualTo(utf8);
    }

    @Test
    void readingWindows1252AsUtf8FailsNamingTheFileAndLine() {
        ClassFolderReader reader =
                new ClassFolderReader(SharedFiles.data().resolve("sentences"), StandardCharsets.UTF_8);

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(reader::read)
                .actual();

        assertThat(error.getMessage().contains("rt-polarity.neg"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("UTF-8")).as(error.getMessage()).isTrue();
        assertThat(error.getMessage().contains("line ")).as(error.getMessage()).isTrue();
    }

    @Test
    void labelComesFromTheFileName() {
        assertThat(ClassFolderReader.labelOf("Arabic.txt")).isEqualTo("Arabic");
        assertThat(ClassFolderReader.labelOf("Arabic.TXT")).isEqualTo("Arabic");
        assertThat(ClassFolderReader.labelOf("rt-polarity.pos")).isEqualTo("pos");
        assertThat(ClassFolderReader.labelOf("Arabic")).isEqualTo("Arabic");
        assertThat(ClassFolderReader.labelOf("my.class.txt")).isEqualTo("my.class");
    }

    @Test
    void stripsLineEndsSkipsBlankLinesAndIgnoresNonClassFiles() throws IOException {
        Files.writeString(temp.resolve("b.txt"), "one  \r\ntwo\t\n\n   \rthree\n");
        Files.writeString(temp.resolve("a.txt"), "alpha\n");
        Files.writeString(temp.resolve("README.md"), "not data\n");
        Files.writeString(temp.resolve("PROVENANCE.md"), "not data\n");
        Files.writeString(temp.resolve(".hidden"), "not data\n");
        Files.createDirectory(temp.resolve("sub"));

        List<TextExample> examples = new ClassFolderReader(temp, StandardCharsets.UTF_8).read();

        assertThat(examples)
                .isEqualTo(List.of(
                        new TextExample("alpha", "a"),
                        new TextExample("one", "b"),
                        new TextExample("two", "b"),
                        new TextExample("three", "b")));
    }

    @Test
    void missingFolderIsAnError() {
        Path missing = temp.resolve("no-such-folder");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> new ClassFolderReader(missing, StandardCharsets.UTF_8).read())
                .actual();

        assertThat(error.getMessage().contains(missing.toString()))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void folderWithoutClassFilesIsAnError() throws IOException {
        Files.writeString(temp.resolve("README.md"), "only docs\n");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read())
                .actual();

        assertThat(error.getMessage().contains("no class files"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void emptyOrBlankClassFileIsAnError() throws IOException {
        Files.writeString(temp.resolve("a.txt"), "alpha\n");
        Files.writeString(temp.resolve("b.txt"), " \n\n");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read())
                .actual();

        assertThat(error.getMessage().contains("b.txt")).as(error.getMessage()).isTrue();
    }

    @Test
    void twoFilesWithTheSameLabelAreAnError() throws IOException {
        Files.writeString(temp.resolve("one.pos"), "x\n");
        Files.writeString(temp.resolve("two.pos"), "y\n");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read())
                .actual();

        assertThat(error.getMessage().contains("'pos'")).as(error.getMessage()).isTrue();
    }

    @Test
    void invalidUtf8ReportsTheLine() throws IOException {
        byte[] cp1252Dash = {'o', 'k', '\n', 'b', 'a', 'd', (byte) 0x97, '\n'};
        Files.write(temp.resolve("a.txt"), cp1252Dash);

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read())
                .actual();

        assertThat(error.getMessage().contains("line 2")).as(error.getMessage()).isTrue();
        assertThat(error.getMessage().contains("byte offset 6"))
                .as(error.getMessage())
                .isTrue();
    }

    static Map<String, Long> countByLabel(List<? extends Example> examples) {
        return examples.stream().collect(Collectors.groupingBy(Example::label, Collectors.counting()));
    }
}
