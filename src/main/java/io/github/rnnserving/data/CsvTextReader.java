package io.github.rnnserving.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads labelled texts from a delimited file with a header row: CSV ({@code ','}) or TSV ({@code
 * '\t'}).
 *
 * <p>CSV follows RFC 4180: {@code "} quotes a field and {@code ""} is a literal quote. TSV has no
 * quoting at all, as GLUE writes it: a {@code "} inside a sentence is an ordinary character and a
 * field ends only at a tab or line end.
 *
 * <p>Blank lines are skipped. Every other row must have exactly as many fields as the header and a
 * non-blank label; otherwise a {@link DatasetException} names the file, the 1-based record number
 * (the header is not counted), the 1-based file line and the column. The label is stripped of
 * surrounding whitespace and then looked up in the optional rename map ({@code "1" →
 * "positive"}); labels not in the map are kept. The text is stripped of trailing whitespace
 * (GLUE sentences end with a space). A row whose text is then empty is an error unless {@link
 * #skippingEmptyText()} is asked for.
 *
 * <p>The file is decoded strictly, so a wrong charset is an error rather than U+FFFD garbage.
 */
public final class CsvTextReader {

    private final Path file;
    private final Charset charset;
    private final char delimiter;
    private final String labelColumn;
    private final String textColumn;
    private final Map<String, String> labelRenames;
    private final boolean skipEmptyText;

    public CsvTextReader(
            Path file,
            Charset charset,
            char delimiter,
            String labelColumn,
            String textColumn,
            Map<String, String> labelRenames,
            boolean skipEmptyText) {
        if (delimiter != ',' && delimiter != '\t') {
            throw new IllegalArgumentException("delimiter must be ',' or '\\t', got '" + delimiter + "'");
        }
        this.file = Objects.requireNonNull(file, "file");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.delimiter = delimiter;
        this.labelColumn = Objects.requireNonNull(labelColumn, "labelColumn");
        this.textColumn = Objects.requireNonNull(textColumn, "textColumn");
        this.labelRenames = Map.copyOf(labelRenames);
        this.skipEmptyText = skipEmptyText;
    }

    /** A UTF-8, comma-separated, RFC 4180 file. */
    public static CsvTextReader csv(Path file, String labelColumn, String textColumn) {
        return new CsvTextReader(file, StandardCharsets.UTF_8, ',', labelColumn, textColumn, Map.of(), false);
    }

    /** A UTF-8, tab-separated file without quoting. */
    public static CsvTextReader tsv(Path file, String labelColumn, String textColumn) {
        return new CsvTextReader(file, StandardCharsets.UTF_8, '\t', labelColumn, textColumn, Map.of(), false);
    }

    public CsvTextReader withCharset(Charset newCharset) {
        return new CsvTextReader(file, newCharset, delimiter, labelColumn, textColumn, labelRenames, skipEmptyText);
    }

    public CsvTextReader withLabelRenames(Map<String, String> renames) {
        return new CsvTextReader(file, charset, delimiter, labelColumn, textColumn, renames, skipEmptyText);
    }

    /** Drops rows whose text is empty instead of failing on them. */
    public CsvTextReader skippingEmptyText() {
        return new CsvTextReader(file, charset, delimiter, labelColumn, textColumn, labelRenames, true);
    }

    public List<Path> sourceFiles() {
        return List.of(file);
    }

    public List<TextExample> read() {
        String content = TextFiles.readStrict(file, charset);
        CSVParser parser;
        try {
            parser = CSVParser.parse(new StringReader(content), format());
        } catch (IOException | IllegalArgumentException e) {
            // commons-csv rejects a duplicate or blank header name with IllegalArgumentException
            throw new DatasetException("bad header in " + file + ": " + e.getMessage(), e);
        }
        List<TextExample> examples = new ArrayList<>();
        try (parser) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new DatasetException(file + " is empty: no header row");
            }
            requireColumn(header, labelColumn, "label");
            requireColumn(header, textColumn, "text");
            for (CSVRecord record : parser) {
                checkFieldCount(record, header, content);
                String label = record.get(labelColumn).strip();
                if (label.isEmpty()) {
                    throw rowError(record, content, "empty label in column '" + labelColumn + "'");
                }
                String text = record.get(textColumn).stripTrailing();
                if (text.isEmpty()) {
                    if (skipEmptyText) {
                        continue;
                    }
                    throw rowError(
                            record,
                            content,
                            "empty text in column '" + textColumn + "' (use skippingEmptyText() to drop such rows)");
                }
                examples.add(new TextExample(text, labelRenames.getOrDefault(label, label)));
            }
        } catch (IOException | UncheckedIOException e) {
            // a CSV syntax error, e.g. text after a closing quote; the message carries the line
            throw new DatasetException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        if (examples.isEmpty()) {
            throw new DatasetException("no examples in " + file);
        }
        return List.copyOf(examples);
    }

    private CSVFormat format() {
        CSVFormat.Builder builder = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW);
        if (delimiter == '\t') {
            builder.setQuote(null);
        }
        return builder.get();
    }

    private void requireColumn(List<String> header, String column, String role) {
        if (!header.contains(column)) {
            throw new DatasetException(
                    String.format("%s: the header %s has no %s column '%s'", file, header, role, column));
        }
    }

    private void checkFieldCount(CSVRecord record, List<String> header, String content) {
        if (record.size() < header.size()) {
            String missing = header.get(record.size());
            throw rowError(
                    record,
                    content,
                    "missing column '"
                            + missing
                            + "': "
                            + record.size()
                            + " field(s), the header has "
                            + header.size());
        }
        if (record.size() > header.size()) {
            throw rowError(
                    record,
                    content,
                    record.size()
                            + " fields but the header has "
                            + header.size()
                            + (delimiter == '\t' ? " (a tab inside the text?)" : ""));
        }
    }

    private DatasetException rowError(CSVRecord record, String content, String problem) {
        return new DatasetException(String.format(
                "%s, record %d (line %d): %s", file, record.getRecordNumber(), lineOf(record, content), problem));
    }

    /**
     * The file line a record starts on. commons-csv's position can point at blank lines it skipped
     * before the record, so those are stepped over first.
     */
    private static int lineOf(CSVRecord record, String content) {
        int position = (int) record.getCharacterPosition();
        while (position < content.length() && (content.charAt(position) == '\n' || content.charAt(position) == '\r')) {
            position++;
        }
        return TextFiles.lineNumberAt(content, position);
    }
}
