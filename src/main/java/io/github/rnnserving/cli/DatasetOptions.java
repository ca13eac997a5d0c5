package io.github.rnnserving.cli;

import io.github.rnnserving.data.DatasetFormat;
import io.github.rnnserving.data.DatasetPresets;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.data.SplitOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the data is and how to split it: a known dataset by name, or a format and a path. */
final class DatasetOptions {

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description = "A known dataset: ${COMPLETION-CANDIDATES}. Fills in format, paths, charset, columns"
                    + " and label names (names, sentences, sentiment-zh draw a test split; mnist,"
                    + " fashion-mnist and sentiment-en use their official test set).",
            completionCandidates = PresetNames.class)
    String preset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "../shared/data",
            description = "Folder with the datasets for --dataset (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--format", description = "Without --dataset: folder, csv, tsv or idx.")
    DatasetFormat format;

    @Option(
            names = {"--data", "--path"},
            paramLabel = "PATH",
            description = "Without --dataset: the class folder, CSV/TSV file or IDX folder.")
    String path;

    @Option(
            names = {"--test-data", "--test-path"},
            paramLabel = "FILE",
            description = "A CSV/TSV file holding the official test set (else one is drawn).")
    String testPath;

    @Option(
            names = "--charset",
            defaultValue = "UTF-8",
            description = "Text encoding of the files (e.g. windows-1252); default ${DEFAULT-VALUE}.")
    String charset;

    @Option(names = "--label-column", description = "CSV/TSV: the label column's header.")
    String labelColumn;

    @Option(names = "--text-column", description = "CSV/TSV: the text column's header.")
    String textColumn;

    @Option(
            names = "--label-map",
            paramLabel = "FROM=TO",
            split = ",",
            description = "Rename labels, e.g. 1=positive,0=negative.")
    Map<String, String> labelMap = new LinkedHashMap<>();

    @Option(
            names = "--label-names",
            split = ",",
            description = "IDX: the name of each label index, in order (default: the digits).")
    List<String> labelNames = List.of();

    @Option(names = "--limit", description = "Use at most N examples (a seeded sample), for quick runs.")
    Integer limit;

    @Option(
            names = "--validation-fraction",
            defaultValue = "0.1",
            description = "Share of the training data held out for validation (default ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.1",
            description = "Share held out for the test split when there is no official test set"
                    + " (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            names = "--group-duplicates",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Keep identical texts on one side of every split (default ${DEFAULT-VALUE}).")
    boolean groupDuplicates;

    @Option(
            names = "--split-seed",
            defaultValue = "42",
            description = "Seed of the train/validation/test split (default ${DEFAULT-VALUE}).")
    long splitSeed;

    DatasetSpec toSpec() {
        if (preset != null) {
            return DatasetPresets.preset(preset, dataDir, splitSeed, validationFraction, testFraction, limit);
        }
        if (format == null || path == null) {
            throw new IllegalArgumentException("give --dataset NAME, or --format and --data");
        }
        boolean givenTest = format == DatasetFormat.IDX || testPath != null;
        SplitOptions split = new SplitOptions(
                splitSeed,
                validationFraction,
                givenTest ? 0 : testFraction,
                groupDuplicates && format != DatasetFormat.IDX);
        return new DatasetSpec(
                format, path, testPath, charset, labelColumn, textColumn, labelMap, labelNames, limit, split);
    }

    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DatasetPresets.names().iterator();
        }
    }
}
