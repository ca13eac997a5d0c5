package io.github.rnnserving.data;

import static io.github.rnnserving.data.ClassFolderReaderTest.countByLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

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
        assertThat(reviews.size()).isEqualTo(7_765);
        assertThat(countByLabel(reviews)).isEqualTo(Map.of("positive", 5322L, "negative", 2443L));
        double positiveShare = 5322.0 / reviews.size();
        assertThat(positiveShare).isCloseTo(0.685, within(0.0005));
        // RFC 4180: the doubled quotes around 蔡陆线 are one literal quote each
        assertThat(reviews.get(0).text().startsWith("距离川沙公路较近,但是公交指示不对,如果是\"蔡陆线\"的话"))
                .isTrue();
    }

    @Test
    void theEmptyChineseReviewIsAnErrorUnlessSkipped() {
        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(chineseReviews()::read)
                .actual();

        assertThat(error.getMessage().contains("ChnSentiCorp_htl_all.csv"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("record 6375 (line 6376)"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("'review'"))
                .as(error.getMessage())
                .isTrue();
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

        assertThat(train.size()).isEqualTo(67_349);
        assertThat(countByLabel(train)).isEqualTo(Map.of("positive", 37_569L, "negative", 29_780L));
        assertThat(dev.size()).isEqualTo(872);
        assertThat(countByLabel(dev)).isEqualTo(Map.of("positive", 444L, "negative", 428L));
        assertThat(dev.get(0)).isEqualTo(new TextExample("it 's a charming and often affecting journey .", "positive"));
        assertThat(train.stream().anyMatch(t -> t.text().endsWith(" ")))
                .as("GLUE's trailing space is stripped")
                .isFalse();
    }

    @Test
    void tsvQuotesAreOrdinaryCharacters() throws IOException {
        Path file = temp.resolve("quotes.tsv");
        Files.writeString(file, "sentence\tlabel\n\"quoted\" start \t1\nan unbalanced \" quote\t0\n\"\t1\n");

        List<TextExample> examples =
                CsvTextReader.tsv(file, "label", "sentence").read();

        assertThat(examples)
                .isEqualTo(List.of(
                        new TextExample("\"quoted\" start", "1"),
                        new TextExample("an unbalanced \" quote", "0"),
                        new TextExample("\"", "1")));
    }

    @Test
    void csvFollowsRfc4180Quoting() throws IOException {
        Path file = temp.resolve("quotes.csv");
        Files.writeString(file, "label,review\n1,\"a, b and \"\"c\"\"\"\r\n\n0,plain\n");

        List<TextExample> examples = CsvTextReader.csv(file, "label", "review").read();

        assertThat(examples).isEqualTo(List.of(new TextExample("a, b and \"c\"", "1"), new TextExample("plain", "0")));
    }

    @Test
    void rowWithAMissingColumnNamesFileRecordLineAndColumn() throws IOException {
        Path file = temp.resolve("short.csv");
        Files.writeString(file, "label,review\n1,good\n\n0\n1,fine\n");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> CsvTextReader.csv(file, "label", "review").read())
                .actual();

        assertThat(error.getMessage().contains("short.csv"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("record 2 (line 4)"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("missing column 'review'"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void rowWithTooManyFieldsIsAnError() throws IOException {
        Path file = temp.resolve("long.tsv");
        Files.writeString(file, "sentence\tlabel\na\ttab\t1\n");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> CsvTextReader.tsv(file, "label", "sentence").read())
                .actual();

        assertThat(error.getMessage().contains("record 1 (line 2): 3 fields"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void emptyLabelIsAnError() throws IOException {
        Path file = temp.resolve("nolabel.csv");
        Files.writeString(file, "label,review\n1,good\n ,bad\n");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> CsvTextReader.csv(file, "label", "review").read())
                .actual();

        assertThat(error.getMessage().contains("record 2 (line 3)"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("empty label in column 'label'"))
                .as(error.toString())
                .isTrue();
    }

    @Test
    void headerWithoutTheNamedColumnIsAnError() throws IOException {
        Path file = temp.resolve("header.csv");
        Files.writeString(file, "label,text\n1,good\n");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> CsvTextReader.csv(file, "label", "review").read())
                .actual();

        assertThat(error.getMessage().contains("header.csv"))
                .as(error.getMessage())
                .isTrue();
        assertThat(error.getMessage().contains("'review'"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = temp.resolve("empty.csv");
        Files.writeString(file, "");

        DatasetException error = assertThatExceptionOfType(DatasetException.class)
                .isThrownBy(() -> CsvTextReader.csv(file, "label", "review").read())
                .actual();

        assertThat(error.getMessage().contains("empty.csv"))
                .as(error.getMessage())
                .isTrue();
    }

    @Test
    void onlyCommaAndTabAreDelimiters() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new CsvTextReader(
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
