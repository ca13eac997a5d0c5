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
import io.github.rnnserving.training.OptimizerKind;
import io.github.rnnserving.training.TrainingRequest;
import io.github.rnnserving.training.TrainingSettings;
import io.github.rnnserving.web.InvalidInputException;
import io.github.rnnserving.web.PublicText;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a job request into a training run: fills defaults, checks every field against its bound
 * and keeps data paths inside the data folder, naming the field at fault.
 *
 * <p>The bounds are tighter than the command line's: a job runs inside the service, next to
 * requests being served.
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
        Integer limit = request.limit();
        if (limit != null && (limit < 10 || limit > 10_000_000)) {
            throw new InvalidInputException("limit", "limit must be 10 to 10000000, got " + limit);
        }
        DatasetSpec dataset = dataset(request, limit);
        return new TrainingRequest(model, dataset, modelOptions(request.architecture()), settings(request.training()));
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

    private static ModelOptions modelOptions(TrainingJobRequest.ArchitectureOptions options) {
        ModelOptions defaults = ModelOptions.defaults();
        if (options == null) {
            return defaults;
        }
        return new ModelOptions(
                options.cell() == null ? defaults.cell() : parse("architecture.cell", options.cell(), CellType::of),
                bounded("architecture.layers", options.layers(), defaults.layers(), 1, 4),
                bounded("architecture.hiddenSize", options.hiddenSize(), defaults.hiddenSize(), 1, 1024),
                options.bidirectional() == null ? defaults.bidirectional() : options.bidirectional(),
                bounded("architecture.dropout", options.dropout(), defaults.dropout(), 0f, 0.9f),
                bounded("architecture.inputDropout", options.inputDropout(), defaults.inputDropout(), 0f, 0.9f),
                bounded("architecture.outputDropout", options.outputDropout(), defaults.outputDropout(), 0f, 0.9f),
                options.summary() == null
                        ? defaults.summary()
                        : parse("architecture.summary", options.summary(), Summary::of),
                bounded("architecture.embeddingSize", options.embeddingSize(), defaults.embeddingSize(), 1, 1024),
                options.tokens() == null
                        ? defaults.tokens()
                        : parse("architecture.tokens", options.tokens(), JobRequests::tokens),
                Normalization.NFKC,
                options.lowerCase(),
                bounded("architecture.minFrequency", options.minFrequency(), defaults.minFrequency(), 1, 1000),
                bounded("architecture.maxVocabulary", options.maxVocabulary(), defaults.maxVocabulary(), 3, 1_000_000),
                bounded("architecture.maxLength", options.maxLength(), defaults.maxLength(), 1, 2000));
    }

    private static TrainingSettings settings(TrainingJobRequest.TrainingOptions options) {
        TrainingSettings defaults = TrainingSettings.defaults();
        if (options == null) {
            return defaults;
        }
        float learningRate = bounded("training.learningRate", options.learningRate(), defaults.learningRate(), 0f, 1f);
        if (learningRate <= 0) {
            throw new InvalidInputException("training.learningRate", "training.learningRate must be above 0");
        }
        float decay = bounded(
                "training.learningRateDecay", options.learningRateDecay(), defaults.learningRateDecay(), 0f, 1f);
        if (decay <= 0) {
            throw new InvalidInputException("training.learningRateDecay", "training.learningRateDecay must be above 0");
        }
        return new TrainingSettings(
                bounded("training.epochs", options.epochs(), defaults.epochs(), 1, 100),
                bounded("training.batchSize", options.batchSize(), defaults.batchSize(), 1, 1024),
                options.optimizer() == null
                        ? defaults.optimizer()
                        : parse("training.optimizer", options.optimizer(), OptimizerKind::of),
                learningRate,
                bounded("training.momentum", options.momentum(), defaults.momentum(), 0f, 0.999f),
                bounded("training.weightDecay", options.weightDecay(), defaults.weightDecay(), 0f, 0.1f),
                decay,
                bounded("training.truncation", options.truncation(), defaults.truncation(), 0, 1000),
                bounded("training.clipNorm", options.clipNorm(), defaults.clipNorm(), 0f, 1000f),
                bounded("training.patience", options.patience(), defaults.patience(), 0, 100),
                bounded("training.classWeightPower", options.classWeightPower(), defaults.classWeightPower(), 0f, 1f),
                options.seed() == null ? defaults.seed() : options.seed());
    }

    private static TokenizerKind tokens(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "characters" -> TokenizerKind.CHARACTERS;
            case "words" -> TokenizerKind.WORDS;
            default -> throw new IllegalArgumentException("expected characters or words");
        };
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }

    private static int bounded(String field, Integer value, int fallback, int min, int max) {
        int actual = value == null ? fallback : value;
        if (actual < min || actual > max) {
            throw new InvalidInputException(field, field + " must be " + min + " to " + max + ", got " + actual);
        }
        return actual;
    }

    private static float bounded(String field, Float value, float fallback, float min, float max) {
        float actual = value == null ? fallback : value;
        if (!(actual >= min && actual <= max)) {
            throw new InvalidInputException(field, field + " must be " + min + " to " + max + ", got " + actual);
        }
        return actual;
    }
}
