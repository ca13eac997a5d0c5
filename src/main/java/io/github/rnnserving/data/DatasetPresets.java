package io.github.rnnserving.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The datasets this project knows by name, as laid out in {@code shared/data} (see each folder's
 * PROVENANCE.md) and Debian's {@code dataset-fashion-mnist}.
 */
public final class DatasetPresets {

    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Map<String, String> POLARITY = Map.of("pos", "positive", "neg", "negative");
    private static final Map<String, String> BINARY = Map.of("1", "positive", "0", "negative");

    private DatasetPresets() {}

    public static List<String> names() {
        return List.of("names", "mnist", "fashion-mnist", "sentiment-en", "sentiment-zh", "sentences");
    }

    /**
     * @param dataDir the folder holding {@code names/}, {@code mnist/}, {@code sst2/}…
     * @param validationFraction of the training data; a test fraction is drawn only where the
     *     dataset has no official test set
     */
    public static DatasetSpec preset(
            String name, Path dataDir, long seed, double validationFraction, double testFraction, Integer limit) {
        SplitOptions drawnTest = new SplitOptions(seed, validationFraction, testFraction, true);
        SplitOptions givenTest = new SplitOptions(seed, validationFraction, 0, true);
        return switch (name) {
            case "names" ->
                new DatasetSpec(
                        DatasetFormat.FOLDER,
                        path(dataDir, "names"),
                        null,
                        "UTF-8",
                        null,
                        null,
                        Map.of(),
                        List.of(),
                        limit,
                        drawnTest);
            case "sentences" ->
                new DatasetSpec(
                        DatasetFormat.FOLDER,
                        path(dataDir, "sentences"),
                        null,
                        "windows-1252",
                        null,
                        null,
                        new TreeMap<>(POLARITY),
                        List.of(),
                        limit,
                        drawnTest);
            case "mnist" ->
                new DatasetSpec(
                        DatasetFormat.IDX,
                        path(dataDir, "mnist"),
                        null,
                        null,
                        null,
                        null,
                        Map.of(),
                        IdxReader.MNIST_LABELS,
                        limit,
                        withoutGrouping(givenTest));
            case "fashion-mnist" ->
                new DatasetSpec(
                        DatasetFormat.IDX,
                        FASHION_MNIST_DIR.toString(),
                        null,
                        null,
                        null,
                        null,
                        Map.of(),
                        IdxReader.FASHION_MNIST_LABELS,
                        limit,
                        withoutGrouping(givenTest));
            case "sentiment-en" ->
                new DatasetSpec(
                        DatasetFormat.TSV,
                        path(dataDir, "sst2/train.tsv"),
                        path(dataDir, "sst2/dev.tsv"),
                        "UTF-8",
                        "label",
                        "sentence",
                        new TreeMap<>(BINARY),
                        List.of(),
                        limit,
                        givenTest);
            case "sentiment-zh" ->
                new DatasetSpec(
                        DatasetFormat.CSV,
                        path(dataDir, "sentences-zh/ChnSentiCorp_htl_all.csv"),
                        null,
                        "UTF-8",
                        "label",
                        "review",
                        new TreeMap<>(BINARY),
                        List.of(),
                        limit,
                        drawnTest);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "': expected one of " + names());
        };
    }

    private static SplitOptions withoutGrouping(SplitOptions options) {
        return new SplitOptions(options.seed(), options.validationFraction(), options.testFraction(), false);
    }

    private static String path(Path dataDir, String relative) {
        return dataDir.resolve(relative).toString();
    }
}
