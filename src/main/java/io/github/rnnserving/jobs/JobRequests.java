package io.github.rnnserving.jobs;

import io.github.rnnserving.data.DatasetFormat;
import io.github.rnnserving.data.DatasetPresets;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.data.SplitOptions;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.training.ModelOptions;
import io.github.rnnserving.training.ModelTask;
import io.github.rnnserving.training.OptimizerKind;
import io.github.rnnserving.training.TrainingRequest;
import io.github.rnnserving.training.TrainingSettings;
import io.github.rnnserving.web.InvalidInputException;
import io.github.rnnserving.web.PublicText;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns a job request into a training run: fills defaults, parses the option words with the
 * parsers the command line uses, and keeps data paths inside the data folder, naming the field at
 * fault. The numeric bounds are {@link TrainingJobRequest}'s constraints, checked before this runs.
 */
final class JobRequests {

    private static final long SPLIT_SEED = 42;
    private static final double VALIDATION_FRACTION = 0.1;
    private static final double TEST_FRACTION = 0.1;

    private final Path dataDir;

    JobRequests(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    TrainingRequest toTrainingRequest(TrainingJobRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        String model = request.model();
        if (model == null) {
            throw new InvalidInputException("model", "model is required: the name to train a version of");
        }
        try {
            ModelBundles.requireValidName(model);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("model", e.getMessage());
        }
        DatasetSpec dataset = dataset(request, request.limit());
        ModelTask task = request.task() == null ? ModelTask.CLASSIFY : parse("task", request.task(), ModelTask::of);
        if (task == ModelTask.GENERATE && dataset.format() == DatasetFormat.IDX) {
            throw new InvalidInputException("dataset", "a generator learns from texts: this dataset holds images");
        }
        return new TrainingRequest(
                model,
                dataset,
                modelOptions(request.architecture(), task, conditioned(request, task)),
                settings(request.training()));
    }

    private static boolean conditioned(TrainingJobRequest request, ModelTask task) {
        if (request.conditioned() == null) {
            return true;
        }
        if (task != ModelTask.GENERATE) {
            throw new InvalidInputException("conditioned", "conditioned applies to generators (task generate) alone");
        }
        return request.conditioned();
    }

    /** What a generator cannot be, refused with the field at fault before anything is trained. */
    private static void checkGenerator(TrainingJobRequest.ArchitectureOptions options) {
        if (options == null) {
            return;
        }
        if (Boolean.TRUE.equals(options.bidirectional())) {
            throw new InvalidInputException(
                    "architecture.bidirectional",
                    "architecture.bidirectional: " + ModelOptions.BIDIRECTIONAL_GENERATOR);
        }
        TokenizerKind tokens = parse("architecture.tokens", options.tokens(), TokenizerKind::of);
        if (tokens != null && tokens != TokenizerKind.CHARACTERS) {
            throw new InvalidInputException(
                    "architecture.tokens", "architecture.tokens: " + ModelOptions.CHARACTER_GENERATOR);
        }
    }

    private DatasetSpec dataset(TrainingJobRequest request, Integer limit) {
        if (request.dataset() != null) {
            if (request.path() != null || request.format() != null) {
                throw new InvalidInputException("dataset", "give either dataset or format and path, not both");
            }
            if (!DatasetPresets.names().contains(request.dataset())) {
                throw new InvalidInputException(
                        "dataset",
                        "unknown dataset '" + request.dataset() + "': expected one of " + DatasetPresets.names()
                                + ", or format and path");
            }
            DatasetSpec spec = DatasetPresets.preset(
                    request.dataset(), dataDir, SPLIT_SEED, VALIDATION_FRACTION, TEST_FRACTION, limit);
            requireExists(Path.of(spec.path()), "dataset");
            return spec;
        }
        if (request.format() == null || request.path() == null) {
            throw new InvalidInputException("dataset", "dataset is required: a known dataset, or format and path");
        }
        DatasetFormat format = parse("format", request.format(), DatasetFormat::of);
        Path path = insideDataDir("path", request.path());
        Path testPath = request.testPath() == null ? null : insideDataDir("testPath", request.testPath());
        String charset = request.charset() == null ? "UTF-8" : request.charset();
        if (!supported(charset)) {
            throw new InvalidInputException("charset", "unknown charset '" + charset + "'");
        }
        // DatasetSpec refuses this too, but with an IllegalArgumentException: that would be a 500
        if ((format == DatasetFormat.CSV || format == DatasetFormat.TSV)
                && (request.labelColumn() == null || request.textColumn() == null)) {
            throw new InvalidInputException(
                    request.labelColumn() == null ? "labelColumn" : "textColumn",
                    "a " + format.id() + " dataset needs labelColumn and textColumn");
        }
        boolean givenTest = format == DatasetFormat.IDX || testPath != null;
        SplitOptions split = new SplitOptions(
                SPLIT_SEED, VALIDATION_FRACTION, givenTest ? 0 : TEST_FRACTION, format != DatasetFormat.IDX);
        return new DatasetSpec(
                format,
                path.toString(),
                testPath == null ? null : testPath.toString(),
                charset,
                request.labelColumn(),
                request.textColumn(),
                Map.of(),
                List.of(),
                limit,
                split);
    }

    /** Charset.isSupported throws, rather than answers false, for a name such as "!!". */
    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException illegalName) {
            return false;
        }
    }

    private Path insideDataDir(String field, String relative) {
        Path path = dataDir.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !path.startsWith(dataDir)) {
            throw new InvalidInputException(
                    field, field + " must be a path inside the data folder (rnn.data-dir), got '" + relative + "'");
        }
        requireExists(path, field);
        return path;
    }

    /** Names the path relative to the data folder: the server's own layout is no business of a client. */
    private void requireExists(Path path, String field) {
        if (!Files.exists(path)) {
            throw new InvalidInputException(
                    field,
                    field + ": " + PublicText.relative(dataDir, path)
                            + " does not exist in the data folder (rnn.data-dir)");
        }
    }

    private static ModelOptions modelOptions(
            TrainingJobRequest.ArchitectureOptions options, ModelTask task, boolean conditioned) {
        ModelOptions.Builder model = ModelOptions.builder().task(task).conditioned(conditioned);
        if (task == ModelTask.GENERATE) {
            checkGenerator(options);
        }
        if (options == null) {
            return model.build();
        }
        given(parse("architecture.cell", options.cell(), CellType::trainable), model::cell);
        given(options.layers(), model::layers);
        given(options.hiddenSize(), model::hiddenSize);
        given(options.bidirectional(), model::bidirectional);
        given(options.dropout(), value -> model.dropout(value.floatValue()));
        given(options.inputDropout(), value -> model.inputDropout(value.floatValue()));
        given(options.outputDropout(), value -> model.outputDropout(value.floatValue()));
        given(parse("architecture.summary", options.summary(), Summary::of), model::summary);
        given(options.embeddingSize(), model::embeddingSize);
        given(parse("architecture.tokens", options.tokens(), TokenizerKind::of), model::tokens);
        given(parse("architecture.normalization", options.normalization(), Normalization::of), model::normalization);
        given(options.lowerCase(), model::lowerCase);
        given(options.minFrequency(), model::minFrequency);
        given(options.maxVocabulary(), model::maxVocabulary);
        given(options.maxLength(), model::maxLength);
        return model.build();
    }

    private static TrainingSettings settings(TrainingJobRequest.TrainingOptions options) {
        TrainingSettings.Builder settings = TrainingSettings.builder();
        if (options == null) {
            return settings.build();
        }
        given(options.epochs(), settings::epochs);
        given(options.batchSize(), settings::batchSize);
        given(parse("training.optimizer", options.optimizer(), OptimizerKind::of), settings::optimizer);
        given(options.learningRate(), value -> settings.learningRate(value.floatValue()));
        given(options.momentum(), value -> settings.momentum(value.floatValue()));
        given(options.weightDecay(), value -> settings.weightDecay(value.floatValue()));
        given(options.learningRateDecay(), value -> settings.learningRateDecay(value.floatValue()));
        given(options.truncation(), settings::truncation);
        given(options.clipNorm(), value -> settings.clipNorm(value.floatValue()));
        given(options.patience(), settings::patience);
        given(options.classWeightPower(), value -> settings.classWeightPower(value.floatValue()));
        given(options.seed(), settings::seed);
        return settings.build();
    }

    /** Leaves the default in place where the request left the field out. */
    private static <T> void given(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** Null for a field left out; else the value in the one spelling CLI and API share. */
    private static <T> T parse(String field, String value, Function<String, T> parser) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }
}
