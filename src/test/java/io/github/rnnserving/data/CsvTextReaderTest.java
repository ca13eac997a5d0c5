package io.github.rnnserving.data;

import static io.github.rnnserving.data.ClassFolderReaderTest.countByLabel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rnnserving.support.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTextReaderTest {

    private static final Map<String, String> BINARY_SENTIMENT = Map.of("1", "positive", "0", "negative");

    @TempDir
    Path temp;

    @Test
    void readsTheChineseHotelReviewsWithoutTheOneEmptyReview() {
        List<TextExample> reviews = chineseReviews()
                .withLabelRenames(BINARY_SENTIMENT)
                .skippingEmptyText()
                .read();

        // 7,766 rows in the file; row 6,375 (file line 6,376, label 0) has an empty review
        assertEquals(7_765, reviews.size());
        assertEquals(Map.of("positive", 5322L, "negative", 2443L), countByLabel(reviews));
        double positiveShare = 5322.0 / reviews.size();
        assertEquals(0.685, positiveShare, 0.0005);
        // RFC 4180: the doubled quotes around 蔡陆线 are one literal quote each
        assertTrue(reviews.get(0).text().startsWith("距离川沙公路较近,但是公交指示不对,如果是\"蔡陆线\"的话"));
    }

    @Test
    void theEmptyChineseReviewIsAnErrorUnlessSkipped() {
        DatasetException error = assertThrows(DatasetException.class, chineseReviews()::read);

        assertTrue(error.getMessage().contains("ChnSentiCorp_htl_all.csv"), error.getMessage());
        assertTrue(error.getMessage().contains("record 6375 (line 6376)"), error.getMessage());
        assertTrue(error.getMessage().contains("'review'"), error.getMessage());
    }

    @Test
    void readsSst2TrainAndDevWithTheirPublishedCounts() {
        Path sst2 = SharedFiles.data().resolve("sst2");

        List<TextExample> train = CsvTextReader.tsv(sst2.resolve("train.tsv"), "label", "sentence")
                .withLabelRenames(BINARY_SENTIMENT)
                .read();
        List<TextExample> dev = CsvTextReader.tsv(sst2.resolve("dev.tsv"), "label", "sentence")
                .withLabelRenames(BINARY_SENTIMENT)
                .read();

        assertEquals(67_349, train.size());
        assertEquals(Map.of("positive", 37_569L, "negative", 29_780L), countByLabel(train));
        assertEquals(872, dev.size());
        assertEquals(Map.of("positive", 444L, "negative", 428L), countByLabel(dev));
        assertEquals(new TextExample("it 's a charming and often affecting journey .", "positive"), dev.get(0));
        assertFalse(train.stream().anyMatch(t -> t.text().endsWith(" ")), "GLUE's trailing space is stripped");
    }

    @Test
    void tsvQuotesAreOrdinaryCharacters() throws IOException {
        Path file = temp.resolve("quotes.tsv");
        Files.writeString(file, "sentence\tlabel\n\"quoted\" start \t1\nan unbalanced \" quote\t0\n\"\t1\n");

        List<TextExample> examples =
                CsvTextReader.tsv(file, "label", "sentence").read();

        assertEquals(
                List.of(
                        new TextExample("\"quoted\" start", "1"),
                        new TextExample("an unbalanced \" quote", "0"),
                        new TextExample("\"", "1")),
                examples);
    }

    @Test
    void csvFollowsRfc4180Quoting() throws IOException {
        Path file = temp.resolve("quotes.csv");
        Files.writeString(file, "label,review\n1,\"a, b and \"\"c\"\"\"\r\n\n0,plain\n");

        List<TextExample> examples = CsvTextReader.csv(file, "label", "review").read();

        assertEquals(List.of(new TextExample("a, b and \"c\"", "1"), new TextExample("plain", "0")), examples);
    }

    @Test
    void rowWithAMissingColumnNamesFileRecordLineAndColumn() throws IOException {
        Path file = temp.resolve("short.csv");
        Files.writeString(file, "label,review\n1,good\n\n0\n1,fine\n");

        DatasetException error = assertThrows(
                DatasetException.class,
                () -> CsvTextReader.csv(file, "label", "review").read());

        assertTrue(error.getMessage().contains("short.csv"), error.getMessage());
        assertTrue(error.getMessage().contains("record 2 (line 4)"), error.getMessage());
        assertTrue(error.getMessage().contains("missing column 'review'"), error.getMessage());
    }

    @Test
    void rowWithTooManyFieldsIsAnError() throws IOException {
        Path file = temp.resolve("long.tsv");
        Files.writeString(file, "sentence\tlabel\na\ttab\t1\n");

        DatasetException error = assertThrows(
                DatasetException.class,
                () -> CsvTextReader.tsv(file, "label", "sentence").read());

        assertTrue(error.getMessage().contains("record 1 (line 2): 3 fields"), error.getMessage());
    }

    @Test
    void emptyLabelIsAnError() throws IOException {
        Path file = temp.resolve("nolabel.csv");
        Files.writeString(file, "label,review\n1,good\n ,bad\n");

        DatasetException error = assertThrows(
                DatasetException.class,
                () -> CsvTextReader.csv(file, "label", "review").read());

        assertTrue(error.getMessage().contains("record 2 (line 3)"), error.getMessage());
        assertTrue(error.getMessage().contains("empty label in column 'label'"), error.toString());
    }

    @Test
    void headerWithoutTheNamedColumnIsAnError() throws IOException {
        Path file = temp.resolve("header.csv");
        Files.writeString(file, "label,text\n1,good\n");

        DatasetException error = assertThrows(
                DatasetException.class,
                () -> CsvTextReader.csv(file, "label", "review").read());

        assertTrue(error.getMessage().contains("header.csv"), error.getMessage());
        assertTrue(error.getMessage().contains("'review'"), error.getMessage());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = temp.resolve("empty.csv");
        Files.writeString(file, "");

        DatasetException error = assertThrows(
                DatasetException.class,
                () -> CsvTextReader.csv(file, "label", "review").read());

        assertTrue(error.getMessage().contains("empty.csv"), error.getMessage());
    }

    @Test
    void onlyCommaAndTabAreDelimiters() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new CsvTextReader(
                        temp.resolve("x"),
                        java.nio.charset.StandardCharsets.UTF_8,
                        ';',
                        "label",
                        "text",
                        Map.of(),
                        false));
    }

    private static CsvTextReader chineseReviews() {
        return CsvTextReader.csv(
                SharedFiles.data().resolve("sentences-zh/ChnSentiCorp_htl_all.csv"), "label", "review");
    }
}
