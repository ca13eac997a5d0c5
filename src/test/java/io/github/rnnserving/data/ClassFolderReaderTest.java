package io.github.rnnserving.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(18, reader.sourceFiles().size(), "PROVENANCE.md is not a class");
        assertEquals(20_074, names.size());
        assertEquals(18, counts.size());
        assertEquals(2000, counts.get("Arabic"));
        assertEquals(3668, counts.get("English"));
        assertEquals(9408, counts.get("Russian"));
        assertEquals(94, counts.get("Korean"));
        assertEquals(73, counts.get("Vietnamese"));
        assertTrue(names.contains(new TextExample("Bélanger", "French")));
        assertEquals(new TextExample("Khoury", "Arabic"), names.get(0), "files in name order");
    }

    @Test
    void readsSentencePolarityAsWindows1252() {
        List<TextExample> sentences = new ClassFolderReader(
                        SharedFiles.data().resolve("sentences"),
                        WINDOWS_1252,
                        Map.of("pos", "positive", "neg", "negative"))
                .read();

        assertEquals(10_662, sentences.size());
        assertEquals(Map.of("positive", 5331L, "negative", 5331L), countByLabel(sentences));
        // 0x85 and 0xE9 are "…" and "é" in windows-1252; as UTF-8 they would not decode at all
        List<String> texts = sentences.stream().map(TextExample::text).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("preciously interwoven… [the film]")));
        assertTrue(texts.contains("the action clichés just pile up ."));
        assertFalse(texts.stream().anyMatch(t -> t.indexOf('\uFFFD') >= 0));
        assertFalse(texts.stream().anyMatch(t -> t.endsWith(" ")), "trailing space stripped");
    }

    @Test
    void windows1252OriginalsDecodeToTheSameTextAsTheUtf8Copies() {
        Path sentences = SharedFiles.data().resolve("sentences");

        List<TextExample> original = new ClassFolderReader(sentences, WINDOWS_1252).read();
        List<TextExample> utf8 = new ClassFolderReader(sentences.resolve("utf8"), StandardCharsets.UTF_8).read();

        assertEquals(utf8, original);
    }

    @Test
    void readingWindows1252AsUtf8FailsNamingTheFileAndLine() {
        ClassFolderReader reader =
                new ClassFolderReader(SharedFiles.data().resolve("sentences"), StandardCharsets.UTF_8);

        DatasetException error = assertThrows(DatasetException.class, reader::read);

        assertTrue(error.getMessage().contains("rt-polarity.neg"), error.getMessage());
        assertTrue(error.getMessage().contains("UTF-8"), error.getMessage());
        assertTrue(error.getMessage().contains("line "), error.getMessage());
    }

    @Test
    void labelComesFromTheFileName() {
        assertEquals("Arabic", ClassFolderReader.labelOf("Arabic.txt"));
        assertEquals("Arabic", ClassFolderReader.labelOf("Arabic.TXT"));
        assertEquals("pos", ClassFolderReader.labelOf("rt-polarity.pos"));
        assertEquals("Arabic", ClassFolderReader.labelOf("Arabic"));
        assertEquals("my.class", ClassFolderReader.labelOf("my.class.txt"));
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

        assertEquals(
                List.of(
                        new TextExample("alpha", "a"),
                        new TextExample("one", "b"),
                        new TextExample("two", "b"),
                        new TextExample("three", "b")),
                examples);
    }

    @Test
    void missingFolderIsAnError() {
        Path missing = temp.resolve("no-such-folder");

        DatasetException error = assertThrows(
                DatasetException.class, () -> new ClassFolderReader(missing, StandardCharsets.UTF_8).read());

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void folderWithoutClassFilesIsAnError() throws IOException {
        Files.writeString(temp.resolve("README.md"), "only docs\n");

        DatasetException error =
                assertThrows(DatasetException.class, () -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read());

        assertTrue(error.getMessage().contains("no class files"), error.getMessage());
    }

    @Test
    void emptyOrBlankClassFileIsAnError() throws IOException {
        Files.writeString(temp.resolve("a.txt"), "alpha\n");
        Files.writeString(temp.resolve("b.txt"), " \n\n");

        DatasetException error =
                assertThrows(DatasetException.class, () -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read());

        assertTrue(error.getMessage().contains("b.txt"), error.getMessage());
    }

    @Test
    void twoFilesWithTheSameLabelAreAnError() throws IOException {
        Files.writeString(temp.resolve("one.pos"), "x\n");
        Files.writeString(temp.resolve("two.pos"), "y\n");

        DatasetException error =
                assertThrows(DatasetException.class, () -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read());

        assertTrue(error.getMessage().contains("'pos'"), error.getMessage());
    }

    @Test
    void invalidUtf8ReportsTheLine() throws IOException {
        byte[] cp1252Dash = {'o', 'k', '\n', 'b', 'a', 'd', (byte) 0x97, '\n'};
        Files.write(temp.resolve("a.txt"), cp1252Dash);

        DatasetException error =
                assertThrows(DatasetException.class, () -> new ClassFolderReader(temp, StandardCharsets.UTF_8).read());

        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertTrue(error.getMessage().contains("byte offset 6"), error.getMessage());
    }

    static Map<String, Long> countByLabel(List<? extends Example> examples) {
        return examples.stream().collect(Collectors.groupingBy(Example::label, Collectors.counting()));
    }
}
