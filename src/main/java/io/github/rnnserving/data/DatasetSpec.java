package io.github.rnnserving.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to read a dataset and split it again the same way; stored in every model
 * bundle so {@code evaluate} can rebuild the test split.
 *
 * @param path the folder (folder, idx) or file (csv, tsv)
 * @param testPath a file with the official test set (csv, tsv), or null to draw one; idx always
 *     uses its t10k files
 * @param labelNames idx only: the name of each label index (empty: the digits)
 * @param limit at most this many examples take part (a seeded random sample); a given test set
 *     is sampled to at most a fifth of it; null or 0 takes everything
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DatasetSpec(
        DatasetFormat format,
        String path,
        String testPath,
        String charset,
        String labelColumn,
        String textColumn,
        Map<String, String> labelRenames,
        List<String> labelNames,
        Integer limit,
        SplitOptions split) {

    public DatasetSpec {
        if (format == null) {
            throw new IllegalArgumentException("dataset format is required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("dataset path is required");
        }
        if (split == null) {
            throw new IllegalArgumentException("split options are required");
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        if ((format == DatasetFormat.CSV || format == DatasetFormat.TSV)
                && (labelColumn == null || textColumn == null)) {
            throw new IllegalArgumentException("a " + format.id() + " dataset needs labelColumn and textColumn");
        }
        charset = charset == null || charset.isBlank() ? "UTF-8" : charset;
        // sorted: Map.copyOf iterates in a per-JVM order, and the spec's JSON must not change between runs
        labelRenames = labelRenames == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labelRenames));
        labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
    }

    /** The same dataset read from another place (a model trained elsewhere, evaluated here). */
    public DatasetSpec withPaths(String newPath, String newTestPath) {
        return new DatasetSpec(
                format, newPath, newTestPath, charset, labelColumn, textColumn, labelRenames, labelNames, limit, split);
    }
}
