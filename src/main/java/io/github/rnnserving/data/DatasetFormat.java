package io.github.rnnserving.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a dataset is laid out on disk. */
public enum DatasetFormat {
    /** A folder with one file per class, one example per line. */
    FOLDER,
    /** A CSV file with a header, a label column and a text column. */
    CSV,
    /** Like {@link #CSV} with tabs and no quoting (GLUE's TSVs). */
    TSV,
    /** A folder with the four MNIST-style IDX files, gzipped or not; t10k is the test set. */
    IDX;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DatasetFormat of(String id) {
        for (DatasetFormat format : values()) {
            if (format.id().equalsIgnoreCase(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown dataset format '" + id + "': expected folder, csv, tsv or idx");
    }
}
