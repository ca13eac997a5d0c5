package io.github.rnnserving.data;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Reads a {@link DatasetSpec}, samples it to its limit and splits it. */
public final class DatasetLoader {

    private DatasetLoader() {}

    public static LoadedDataset load(DatasetSpec spec) {
        Path path = Path.of(spec.path()).toAbsolutePath().normalize();
        Charset charset = charset(spec.charset());
        List<Path> sources = new ArrayList<>();
        List<Example> pool = new ArrayList<>();
        List<Example> givenTest = null;
        List<String> labels;
        switch (spec.format()) {
            case FOLDER -> {
                ClassFolderReader reader = new ClassFolderReader(path, charset, spec.labelRenames());
                pool.addAll(reader.read());
                sources.addAll(reader.sourceFiles());
                labels = sortedLabels(pool);
            }
            case CSV, TSV -> {
                CsvTextReader reader = table(spec, path, charset);
                pool.addAll(reader.read());
                sources.addAll(reader.sourceFiles());
                if (spec.testPath() != null) {
                    CsvTextReader test = table(
                            spec, Path.of(spec.testPath()).toAbsolutePath().normalize(), charset);
                    givenTest = new ArrayList<>(test.read());
                    sources.addAll(test.sourceFiles());
                }
                List<Example> all = new ArrayList<>(pool);
                if (givenTest != null) {
                    all.addAll(givenTest);
                }
                labels = sortedLabels(all);
            }
            case IDX -> {
                List<String> names = spec.labelNames().isEmpty() ? IdxReader.MNIST_LABELS : spec.labelNames();
                IdxReader train = IdxReader.trainingSet(path, names);
                IdxReader test = IdxReader.testSet(path, names);
                pool.addAll(train.read());
                givenTest = new ArrayList<>(test.read());
                sources.addAll(train.sourceFiles());
                sources.addAll(test.sourceFiles());
                labels = names;
            }
            default -> throw new IllegalStateException("unknown format " + spec.format());
        }
        if (spec.limit() != null && spec.limit() > 0) {
            pool = sample(pool, spec.limit(), spec.split().seed());
            if (givenTest != null) {
                givenTest = sample(
                        givenTest, Math.max(1, spec.limit() / 5), spec.split().seed() + 1);
            }
        }
        DatasetSplitter splitter = new DatasetSplitter(spec.split());
        DatasetSplit<Example> split =
                givenTest == null ? splitter.split(pool) : splitter.splitWithGivenTest(pool, givenTest);
        Path base =
                spec.format() == DatasetFormat.FOLDER || spec.format() == DatasetFormat.IDX ? path : path.getParent();
        String fingerprint = DatasetFingerprint.of(base, sources, spec.split(), split);
        return new LoadedDataset(spec, labels, split, fingerprint);
    }

    private static CsvTextReader table(DatasetSpec spec, Path file, Charset charset) {
        CsvTextReader reader = spec.format() == DatasetFormat.TSV
                ? CsvTextReader.tsv(file, spec.labelColumn(), spec.textColumn())
                : CsvTextReader.csv(file, spec.labelColumn(), spec.textColumn());
        return reader.withCharset(charset).withLabelRenames(spec.labelRenames()).skippingEmptyText();
    }

    private static List<Example> sample(List<Example> examples, int limit, long seed) {
        if (examples.size() <= limit) {
            return examples;
        }
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        return new ArrayList<>(shuffled.subList(0, limit));
    }

    private static List<String> sortedLabels(List<Example> examples) {
        TreeSet<String> labels = new TreeSet<>();
        for (Example example : examples) {
            labels.add(example.label());
        }
        return List.copyOf(labels);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DatasetException("unknown charset '" + name + "'");
        }
    }
}
