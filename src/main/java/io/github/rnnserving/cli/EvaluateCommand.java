package io.github.rnnserving.cli;

import ai.djl.ndarray.NDManager;
import io.github.rnnserving.data.DatasetLoader;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.LoadedDataset;
import io.github.rnnserving.model.LoadedModel;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.Evaluator;
import io.github.rnnserving.training.ExampleEncoder;
import io.github.rnnserving.training.GeneratorEncoder;
import io.github.rnnserving.training.LanguageModelEvaluator;
import io.github.rnnserving.training.LanguageModelMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "evaluate",
        sortOptions = false,
        abbreviateSynopsis = true,
        mixinStandardHelpOptions = true,
        description = "Score a model bundle: accuracy, per-class precision/recall/F1 and the confusion"
                + " matrix; for a generator, bits per character and perplexity. The data is read and split as model.json records, so the test split is the one"
                + " the model was scored on when it was trained.")
final class EvaluateCommand implements Callable<Integer> {

    enum Split {
        TEST,
        VALIDATION,
        TRAIN,
        ALL
    }

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "A bundle folder, e.g. models/names/1.")
    Path model;

    @Option(
            names = "--data",
            paramLabel = "PATH",
            description = "Where the dataset is now, if not where model.json says (a folder or file).")
    String data;

    @Option(names = "--test-data", paramLabel = "FILE", description = "Where the official test file is now, if any.")
    String testData;

    @Option(
            names = "--split",
            defaultValue = "test",
            converter = SplitConverter.class,
            description = "test, validation, train or all (default ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--batch-size", defaultValue = "256", description = "Default ${DEFAULT-VALUE}.")
    int batchSize;

    private final PrintStream out;

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ModelBundles bundles = new ModelBundles();
        ModelManifest manifest = bundles.readManifest(model);
        DatasetSpec recorded = recordedSpec(manifest);
        DatasetSpec spec = recorded.withPaths(
                data != null ? data : recorded.path(), testData != null ? testData : recorded.testPath());
        LoadedDataset dataset = DatasetLoader.load(spec);
        String fingerprint = manifest.dataset().fingerprint();
        if (fingerprint != null) {
            out.println(
                    fingerprint.equals(dataset.fingerprint())
                            ? "dataset fingerprint matches the model's (same files, same split)"
                            : "WARNING: dataset fingerprint differs from the model's: other files or another split");
        }
        List<Example> examples = switch (split) {
            case TEST -> dataset.split().test();
            case VALIDATION -> dataset.split().validation();
            case TRAIN -> dataset.split().train();
            case ALL -> {
                List<Example> all = new ArrayList<>(dataset.split().train());
                all.addAll(dataset.split().validation());
                all.addAll(dataset.split().test());
                yield all;
            }
        };
        if (manifest.isGenerator()) {
            evaluateGenerator(bundles, manifest, spec, examples);
            return 0;
        }
        ExampleEncoder.Encoded encoded = new ExampleEncoder(manifest.input(), manifest.labels()).encode(examples);
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = bundles.read(model, manager);
            Evaluator.Result result = Evaluator.evaluate(loaded.classifier(), manager, encoded.data(), batchSize);
            ClassificationMetrics metrics =
                    ClassificationMetrics.of(manifest.labels(), encoded.data().labels(), result.predicted());
            out.printf(
                    Locale.ROOT,
                    "model %s version %s on the %s split of %s%n",
                    manifest.name(),
                    manifest.version(),
                    split.name().toLowerCase(Locale.ROOT),
                    spec.path());
            out.printf(
                    Locale.ROOT,
                    "accuracy %.4f, macro-F1 %.4f, loss %.4f on %d examples%s%n%n",
                    metrics.accuracy(),
                    metrics.macroF1(),
                    result.loss(),
                    metrics.total(),
                    encoded.emptyTexts() > 0 ? " (" + encoded.emptyTexts() + " empty texts left out)" : "");
            out.print(metrics.toTable());
        }
        return 0;
    }

    /** A generator's bits per character and perplexity, counted over every character and one end per text. */
    private void evaluateGenerator(
            ModelBundles bundles, ModelManifest manifest, DatasetSpec spec, List<Example> examples) {
        GeneratorEncoder.Encoded encoded =
                new GeneratorEncoder((TextInputSpec) manifest.input(), manifest.labels()).encode(examples);
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = bundles.read(model, manager);
            LanguageModelMetrics metrics =
                    LanguageModelEvaluator.evaluate(loaded.languageModel(), manager, encoded.data(), batchSize);
            out.printf(
                    Locale.ROOT,
                    "generator %s version %s on the %s split of %s%n",
                    manifest.name(),
                    manifest.version(),
                    split.name().toLowerCase(Locale.ROOT),
                    spec.path());
            out.printf(
                    Locale.ROOT,
                    "%.4f bits per character, perplexity %.3f, loss %.4f, next-character accuracy %.4f on %d texts"
                            + " (%d characters and ends)%s%n",
                    metrics.bitsPerCharacter(),
                    metrics.perplexity(),
                    metrics.loss(),
                    metrics.accuracy(),
                    metrics.texts(),
                    metrics.positions(),
                    encoded.emptyTexts() > 0 ? " (" + encoded.emptyTexts() + " empty texts left out)" : "");
        }
    }

    private static DatasetSpec recordedSpec(ModelManifest manifest) {
        Map<String, Object> spec = manifest.dataset().spec();
        if (spec == null) {
            throw new IllegalArgumentException(
                    "model.json records no dataset spec: this model was not trained by rnn-serving");
        }
        JsonMapper json = JsonMapper.builder().build();
        return json.convertValue(spec, DatasetSpec.class);
    }

    static final class SplitConverter implements picocli.CommandLine.ITypeConverter<Split> {
        @Override
        public Split convert(String value) {
            return Split.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
