package io.github.rnnserving.cli;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.training.Checkpoints;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.LanguageModelMetrics;
import io.github.rnnserving.training.ModelOptions;
import io.github.rnnserving.training.ModelTask;
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
        description = "Train a recurrent classifier, or a character-level generator (--task generate), with"
                + " backpropagation through time and write it to <models-dir>/<name>/<version>/. A checkpoint is kept after every epoch; running the"
                + " same command again resumes from it.",
        defaultValueProvider = OptionDefaults.class)
final class TrainCommand implements Callable<Integer> {

    // The options start from the same defaults as a training job's; nothing is written twice.
    private static final ModelOptions MODEL = ModelOptions.defaults();
    private static final TrainingSettings TRAINING = TrainingSettings.defaults();

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
            names = "--task",
            converter = Converters.Task.class,
            description = "classify, or generate: a character-level language model conditioned on the"
                    + " dataset's labels, trained with teacher forcing (default ${DEFAULT-VALUE}).")
    ModelTask task = MODEL.task();

    @Option(
            names = "--unconditioned",
            description = "Generate: ignore the labels and learn one model of all the texts.")
    boolean unconditioned;

    @Option(
            names = "--cell",
            converter = Converters.Cell.class,
            description = "rnn, lstm or gru (default ${DEFAULT-VALUE}).")
    CellType cell = MODEL.cell();

    @Option(names = "--layers", description = "Stacked layers, 1-4 (default ${DEFAULT-VALUE}).")
    int layers = MODEL.layers();

    @Option(names = "--hidden-size", description = "Hidden units per direction (default ${DEFAULT-VALUE}).")
    int hiddenSize = MODEL.hiddenSize();

    @Option(names = "--bidirectional", description = "Read each sequence both ways.")
    boolean bidirectional = MODEL.bidirectional();

    @Option(names = "--dropout", description = "Dropout between layers (default ${DEFAULT-VALUE}).")
    float dropout = MODEL.dropout();

    @Option(
            names = "--input-dropout",
            description = "Dropout on each step's input: the embeddings or image rows (default ${DEFAULT-VALUE}).")
    float inputDropout = MODEL.inputDropout();

    @Option(
            names = "--output-dropout",
            description = "Dropout on the summary the classifier head reads (default ${DEFAULT-VALUE}).")
    float outputDropout = MODEL.outputDropout();

    @Option(
            names = "--summary",
            converter = Converters.SummaryKind.class,
            description = "last (final state), last-output (the output at the last real step, PyTorch's out[:, -1]),"
                    + " mean or max over the real steps (default ${DEFAULT-VALUE}).")
    Summary summary = MODEL.summary();

    @Option(names = "--embedding-size", description = "Text: embedding width (default ${DEFAULT-VALUE}).")
    int embeddingSize = MODEL.embeddingSize();

    @Option(
            names = "--tokens",
            converter = Converters.Tokens.class,
            description = "Text: characters or words (default ${DEFAULT-VALUE}).")
    TokenizerKind tokens = MODEL.tokens();

    @Option(
            names = "--normalization",
            converter = Converters.Normalizations.class,
            description = "Text: NFKC, NFC, NFD, NFKD or NONE (default ${DEFAULT-VALUE}).")
    Normalization normalization = MODEL.normalization();

    @Option(
            names = "--lower-case",
            negatable = true,
            description = "Text: lower-case before tokenising (default: for words, not for characters).")
    Boolean lowerCase;

    @Option(
            names = "--min-frequency",
            description = "Text: keep tokens seen at least this often (default ${DEFAULT-VALUE}).")
    int minFrequency = MODEL.minFrequency();

    @Option(names = "--max-vocabulary", description = "Text: vocabulary size cap (default ${DEFAULT-VALUE}).")
    int maxVocabulary = MODEL.maxVocabulary();

    @Option(names = "--max-length", description = "Text: tokens kept per text (default ${DEFAULT-VALUE}).")
    int maxLength = MODEL.maxLength();

    @Option(names = "--epochs", description = "Default ${DEFAULT-VALUE}.")
    int epochs = TRAINING.epochs();

    @Option(names = "--batch-size", description = "Default ${DEFAULT-VALUE}.")
    int batchSize = TRAINING.batchSize();

    @Option(
            names = "--optimizer",
            converter = Converters.Optimizer.class,
            description = "adam or sgd (with momentum) (default ${DEFAULT-VALUE}).")
    OptimizerKind optimizer = TRAINING.optimizer();

    @Option(names = "--learning-rate", description = "Default ${DEFAULT-VALUE}.")
    float learningRate = TRAINING.learningRate();

    @Option(names = "--momentum", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    float momentum = TRAINING.momentum();

    @Option(names = "--weight-decay", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
    float weightDecay = TRAINING.weightDecay();

    @Option(
            names = {"--learning-rate-decay", "--lr-decay"},
            description = "Multiply the learning rate by this after each epoch (default ${DEFAULT-VALUE}: off).")
    float learningRateDecay = TRAINING.learningRateDecay();

    @Option(
            names = "--truncation",
            description =
                    "Truncated BPTT: cut the gradient every k steps, carrying the state on (default ${DEFAULT-VALUE}: full BPTT).")
    int truncation = TRAINING.truncation();

    @Option(
            names = "--clip-norm",
            description = "Clip the global gradient norm to this (default ${DEFAULT-VALUE}; 0 is off).")
    float clipNorm = TRAINING.clipNorm();

    @Option(
            names = "--patience",
            description =
                    "Early stopping: stop after this many epochs without a better validation accuracy (default ${DEFAULT-VALUE}: off).")
    int patience = TRAINING.patience();

    @Option(
            names = "--class-weight-power",
            description =
                    "Weight each class's loss by (1/count)^p: 0 off, 1 balanced, 0.5 inverse square root (default ${DEFAULT-VALUE}).")
    float classWeightPower = TRAINING.classWeightPower();

    @Option(names = "--seed", description = "Seed of weights, shuffling and dropout (default ${DEFAULT-VALUE}).")
    long seed = TRAINING.seed();

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
        if (task == ModelTask.GENERATE && bidirectional) {
            throw new IllegalArgumentException("--bidirectional: " + ModelOptions.BIDIRECTIONAL_GENERATOR);
        }
        if (task == ModelTask.GENERATE && tokens != TokenizerKind.CHARACTERS) {
            throw new IllegalArgumentException("--tokens: " + ModelOptions.CHARACTER_GENERATOR);
        }
        if (task != ModelTask.GENERATE && unconditioned) {
            throw new IllegalArgumentException("--unconditioned applies to --task generate alone");
        }
        TrainingRequest request = new TrainingRequest(
                name,
                dataset.toSpec(),
                ModelOptions.builder()
                        .cell(cell)
                        .layers(layers)
                        .hiddenSize(hiddenSize)
                        .bidirectional(bidirectional)
                        .dropout(dropout)
                        .inputDropout(inputDropout)
                        .outputDropout(outputDropout)
                        .summary(summary)
                        .embeddingSize(embeddingSize)
                        .tokens(tokens)
                        .normalization(normalization)
                        .lowerCase(lowerCase)
                        .minFrequency(minFrequency)
                        .maxVocabulary(maxVocabulary)
                        .maxLength(maxLength)
                        .task(task)
                        .conditioned(!unconditioned)
                        .build(),
                TrainingSettings.builder()
                        .epochs(epochs)
                        .batchSize(batchSize)
                        .optimizer(optimizer)
                        .learningRate(learningRate)
                        .momentum(momentum)
                        .weightDecay(weightDecay)
                        .learningRateDecay(learningRateDecay)
                        .truncation(truncation)
                        .clipNorm(clipNorm)
                        .patience(patience)
                        .classWeightPower(classWeightPower)
                        .seed(seed)
                        .build());
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
        ProgressBar bar = new ProgressBar(out, ProgressBar.isConsoleInteractive());
        if (task == ModelTask.GENERATE) {
            bar.showBitsPerCharacter();
        }
        ProgressListener progress = new ProgressListener(bar, out);
        TrainingOutcome outcome = new TrainingPipeline().run(request, modelsDir, checkpoints, progress, () -> false);
        if (outcome.isGenerator()) {
            printGenerator(outcome);
            return 0;
        }

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

    private void printGenerator(TrainingOutcome outcome) {
        LanguageModelMetrics test = outcome.generation();
        out.printf(
                Locale.ROOT,
                "%nbest epoch %d (validation %.4f bits per character)%s; %.1f s%n",
                outcome.result().bestEpoch(),
                outcome.result().bestValidationBitsPerCharacter(),
                outcome.result().stoppedEarly() ? ", stopped early" : "",
                outcome.result().trainingSeconds());
        out.printf(
                Locale.ROOT,
                "test %.4f bits per character, perplexity %.3f, next-character accuracy %.4f on %d texts"
                        + " (%d characters and ends)%n",
                test.bitsPerCharacter(),
                test.perplexity(),
                test.accuracy(),
                test.texts(),
                test.positions());
        out.printf(Locale.ROOT, "%nmodel written to %s%n", outcome.bundle());
    }
}
