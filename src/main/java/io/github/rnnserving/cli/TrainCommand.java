package io.github.rnnserving.cli;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.training.Checkpoints;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.ModelOptions;
import io.github.rnnserving.training.OptimizerKind;
import io.github.rnnserving.training.TrainingOutcome;
import io.github.rnnserving.training.TrainingPipeline;
import io.github.rnnserving.training.TrainingRequest;
import io.github.rnnserving.training.TrainingSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "train",
        sortOptions = false,
        abbreviateSynopsis = true,
        mixinStandardHelpOptions = true,
        description = "Train a recurrent classifier with backpropagation through time and write it to"
                + " <models-dir>/<name>/<version>/. A checkpoint is kept after every epoch; running the"
                + " same command again resumes from it.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "Model name (a-z 0-9 . _ -).")
    String name;

    @Option(
            names = "--models-dir",
            defaultValue = "models",
            description = "Model registry folder (default ${DEFAULT-VALUE}).")
    Path modelsDir;

    @Mixin
    DatasetOptions dataset = new DatasetOptions();

    @Option(
            names = "--cell",
            defaultValue = "gru",
            converter = Converters.Cell.class,
            description = "rnn, lstm or gru (default ${DEFAULT-VALUE}).")
    CellType cell;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked layers, 1-4 (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(
            names = "--hidden-size",
            defaultValue = "128",
            description = "Hidden units per direction (default ${DEFAULT-VALUE}).")
    int hiddenSize;

    @Option(names = "--bidirectional", defaultValue = "false", description = "Read each sequence both ways.")
    boolean bidirectional;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout between layers (default ${DEFAULT-VALUE}).")
    float dropout;

    @Option(
            names = "--input-dropout",
            defaultValue = "0",
            description = "Dropout on each step's input: the embeddings or image rows (default ${DEFAULT-VALUE}).")
    float inputDropout;

    @Option(
            names = "--output-dropout",
            defaultValue = "0",
            description = "Dropout on the summary the classifier head reads (default ${DEFAULT-VALUE}).")
    float outputDropout;

    @Option(
            names = "--summary",
            defaultValue = "last",
            converter = Converters.SummaryKind.class,
            description = "last (final state), mean or max over the real steps (default ${DEFAULT-VALUE}).")
    Summary summary;

    @Option(
            names = "--embedding-size",
            defaultValue = "64",
            description = "Text: embedding width (default ${DEFAULT-VALUE}).")
    int embeddingSize;

    @Option(
            names = "--tokens",
            defaultValue = "characters",
            converter = Converters.Tokens.class,
            description = "Text: characters or words (default ${DEFAULT-VALUE}).")
    TokenizerKind tokens;

    @Option(
            names = "--normalization",
            defaultValue = "NFKC",
            description = "Text: NFKC, NFC, NFD, NFKD or NONE (default ${DEFAULT-VALUE}).")
    Normalization normalization;

    @Option(
            names = "--lower-case",
            negatable = true,
            description = "Text: lower-case before tokenising (default: for words, not for characters).")
    Boolean lowerCase;

    @Option(
            names = "--min-frequency",
            defaultValue = "1",
            description = "Text: keep tokens seen at least this often (default ${DEFAULT-VALUE}).")
    int minFrequency;

    @Option(
            names = "--max-vocabulary",
            defaultValue = "50000",
            description = "Text: vocabulary size cap (default ${DEFAULT-VALUE}).")
    int maxVocabulary;

    @Option(
            names = "--max-length",
            defaultValue = "400",
            description = "Text: tokens kept per text (default ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--epochs", defaultValue = "10", description = "Default ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Default ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            converter = Converters.Optimizer.class,
            description = "adam or sgd (with momentum) (default ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--learning-rate", defaultValue = "0.002", description = "Default ${DEFAULT-VALUE}.")
    float learningRate;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(
            names = "--lr-decay",
            defaultValue = "1",
            description = "Multiply the learning rate by this after each epoch (default ${DEFAULT-VALUE}: off).")
    float learningRateDecay;

    @Option(
            names = "--truncation",
            defaultValue = "0",
            description =
                    "Truncated BPTT: cut the gradient every k steps, carrying the state on (default ${DEFAULT-VALUE}: full BPTT).")
    int truncation;

    @Option(
            names = "--clip-norm",
            defaultValue = "5",
            description = "Clip the global gradient norm to this (default ${DEFAULT-VALUE}; 0 is off).")
    float clipNorm;

    @Option(
            names = "--patience",
            defaultValue = "0",
            description =
                    "Early stopping: stop after this many epochs without a better validation accuracy (default ${DEFAULT-VALUE}: off).")
    int patience;

    @Option(
            names = "--class-weight-power",
            defaultValue = "0",
            description =
                    "Weight each class's loss by (1/count)^p: 0 off, 1 balanced, 0.5 inverse square root (default ${DEFAULT-VALUE}).")
    float classWeightPower;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of weights, shuffling and dropout (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--checkpoint-dir",
            description = "Where the per-epoch checkpoint lives (default <models-dir>/<name>/.checkpoint).")
    Path checkpointDir;

    @Option(names = "--fresh", description = "Discard an existing checkpoint instead of resuming from it.")
    boolean fresh;

    private final PrintStream out;

    TrainCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        TrainingRequest request = new TrainingRequest(
                name,
                dataset.toSpec(),
                new ModelOptions(
                        cell,
                        layers,
                        hiddenSize,
                        bidirectional,
                        dropout,
                        inputDropout,
                        outputDropout,
                        summary,
                        embeddingSize,
                        tokens,
                        normalization,
                        lowerCase,
                        minFrequency,
                        maxVocabulary,
                        maxLength),
                new TrainingSettings(
                        epochs,
                        batchSize,
                        optimizer,
                        learningRate,
                        momentum,
                        weightDecay,
                        learningRateDecay,
                        truncation,
                        clipNorm,
                        patience,
                        classWeightPower,
                        seed));
        Checkpoints checkpoints = new Checkpoints(
                checkpointDir != null ? checkpointDir : modelsDir.resolve(name).resolve(".checkpoint"));
        if (fresh) {
            checkpoints.delete();
        }
        out.printf(
                Locale.ROOT,
                "training %s on %s (%s)%n",
                name,
                request.dataset().path(),
                request.dataset().format().id());
        ProgressListener progress = new ProgressListener(new ProgressBar(out, ProgressBar.isConsoleInteractive()), out);
        TrainingOutcome outcome = new TrainingPipeline().run(request, modelsDir, checkpoints, progress, () -> false);

        ClassificationMetrics test = outcome.test();
        out.printf(
                Locale.ROOT,
                "%nbest epoch %d (validation accuracy %.4f)%s; %.1f s%n",
                outcome.result().bestEpoch(),
                outcome.result().bestValidationAccuracy(),
                outcome.result().stoppedEarly() ? ", stopped early" : "",
                outcome.result().trainingSeconds());
        out.printf(
                Locale.ROOT,
                "test accuracy %.4f, macro-F1 %.4f on %d examples%n%n",
                test.accuracy(),
                test.macroF1(),
                test.total());
        out.print(test.toTable());
        out.printf(Locale.ROOT, "%nmodel written to %s%n", outcome.bundle());
        return 0;
    }
}
