package io.github.rnnserving.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.rnnserving.data.DatasetFormat;
import io.github.rnnserving.data.DatasetLoader;
import io.github.rnnserving.data.LoadedDataset;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.DatasetSection;
import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.ImageRowsInputSpec;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.RecurrentClassifier;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.TrainingSection;
import io.github.rnnserving.model.text.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole run: read and split the data, build the vocabulary from the training split, train with
 * BPTT (checkpointing every epoch), score the test split and write a model bundle. A classifier is
 * trained here; a generator by {@link GeneratorRun}, through the same trainer and bundle.
 */
public final class TrainingPipeline {

    private static final int IMAGE_SIZE = 28;

    /**
     * DJL allows one gradient collector per JVM at a time, whatever the caller (a job, a test, the
     * command line), so runs in one process take turns. Static because the limit is the process's.
     */
    private static final ReentrantLock ONE_RUN_PER_JVM = new ReentrantLock();

    private final ModelBundles bundles = new ModelBundles();
    private final JsonMapper json = JsonMapper.builder().build();

    public TrainingOutcome run(
            TrainingRequest request,
            Path modelsDir,
            Checkpoints checkpoints,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        ONE_RUN_PER_JVM.lock();
        // libtorch's grad mode is per thread and on by default; DJL turns it off only on the thread
        // that loaded the engine, and its gradient collector turns it on just while it records. A
        // run on any other thread (a job's) must start with it off, or the in-place parameter
        // updates fail ("a leaf Variable that requires grad is being used in an in-place operation").
        Engine.getInstance(); // loads libtorch, which JniUtils needs
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return runAlone(request, modelsDir, checkpoints, listener, cancelled);
        } finally {
            JniUtils.setGradMode(gradMode);
            ONE_RUN_PER_JVM.unlock();
        }
    }

    private TrainingOutcome runAlone(
            TrainingRequest request,
            Path modelsDir,
            Checkpoints checkpoints,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        LoadedDataset dataset = DatasetLoader.load(request.dataset());
        String runKey = runKey(request, dataset.fingerprint());
        TrainingOutcome outcome = request.model().isGenerator()
                ? new GeneratorRun(this, request, dataset).train(modelsDir, checkpoints, runKey, listener, cancelled)
                : classify(request, dataset, modelsDir, checkpoints, runKey, listener, cancelled);
        if (checkpoints != null) {
            checkpoints.delete();
        }
        return outcome;
    }

    private TrainingOutcome classify(
            TrainingRequest request,
            LoadedDataset dataset,
            Path modelsDir,
            Checkpoints checkpoints,
            String runKey,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        InputSpec input = inputSpec(request, dataset);
        ExampleEncoder encoder = new ExampleEncoder(input, dataset.labels());
        ExampleEncoder.Encoded train = encoder.encode(dataset.split().train());
        ExampleEncoder.Encoded validation = encoder.encode(dataset.split().validation());
        ExampleEncoder.Encoded test = encoder.encode(dataset.split().test());
        Architecture architecture =
                architecture(request.model(), input, dataset.labels().size());

        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) request.training().seed());
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));

            BpttTrainer trainer = new BpttTrainer(request.training(), listener);
            TrainingResult result =
                    trainer.train(classifier, manager, train.data(), validation.data(), checkpoints, runKey, cancelled);

            Evaluator.Result scored = Evaluator.evaluate(classifier, manager, test.data(), 256);
            ClassificationMetrics metrics =
                    ClassificationMetrics.of(dataset.labels(), test.data().labels(), scored.predicted());

            ModelManifest manifest = manifest(
                    request,
                    input,
                    architecture,
                    dataset.labels(),
                    result,
                    datasetSection(dataset, sizes(train, validation, test), emptyTexts(train, validation, test)),
                    metricsSection(metrics, scored.loss(), result),
                    ModelManifest.TASK_CLASSIFY);
            Path bundle = bundles.write(modelsDir, manifest, classifier);
            return new TrainingOutcome(
                    bundle,
                    bundles.readManifest(bundle),
                    result,
                    metrics,
                    null,
                    dataset.split().test());
        }
    }

    /** A manifest of a model trained here; the registry gives it its version and weights' digest. */
    ModelManifest manifest(
            TrainingRequest request,
            InputSpec input,
            Architecture architecture,
            List<String> labels,
            TrainingResult result,
            DatasetSection dataset,
            EvaluationSection metrics,
            String task) {
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                request.modelName(),
                null,
                Instant.now().toString(),
                ModelManifest.FORMAT_NPZ,
                new ModelManifest.EngineInfo(
                        Engine.getInstance().getEngineName(),
                        Engine.getInstance().getVersion(),
                        Engine.getDjlVersion()),
                input,
                architecture,
                labels,
                null,
                trainingSection(request, result),
                dataset,
                metrics,
                null,
                ModelManifest.TASK_CLASSIFY.equals(task) ? null : task);
    }

    ModelBundles bundles() {
        return bundles;
    }

    private static long[] sizes(ExampleEncoder.Encoded... splits) {
        long[] sizes = new long[splits.length];
        for (int i = 0; i < splits.length; i++) {
            sizes[i] = splits[i].data().size();
        }
        return sizes;
    }

    private static int emptyTexts(ExampleEncoder.Encoded... splits) {
        int empty = 0;
        for (ExampleEncoder.Encoded split : splits) {
            empty += split.emptyTexts();
        }
        return empty;
    }

    private static InputSpec inputSpec(TrainingRequest request, LoadedDataset dataset) {
        // the data's format decides what the model reads: IDX files hold images, the rest texts
        if (request.dataset().format() == DatasetFormat.IDX) {
            return new ImageRowsInputSpec(IMAGE_SIZE, IMAGE_SIZE);
        }
        ModelOptions options = request.model();
        Tokenizer tokenizer =
                new Tokenizer(options.tokens(), options.normalization(), options.lowerCaseFor(options.tokens()));
        return TextInputSpec.fit(
                tokenizer,
                dataset.split().train(),
                options.minFrequency(),
                options.maxVocabulary(),
                options.maxLength());
    }

    static Architecture architecture(ModelOptions options, InputSpec input, int classes) {
        return new Architecture(
                input.kind(),
                options.cell(),
                options.layers(),
                options.hiddenSize(),
                options.bidirectional(),
                options.dropout(),
                options.inputDropout(),
                options.outputDropout(),
                options.summary(),
                input.inputSize(options.embeddingSize()),
                input.vocabularySize(),
                classes);
    }

    /** Identifies a run's settings and data, the same in every JVM: a checkpoint of another run is refused. */
    String runKey(TrainingRequest request, String fingerprint) {
        String description =
                json.writeValueAsString(List.of(request.dataset(), request.model(), request.training())) + fingerprint;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(description.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TrainingSection trainingSection(TrainingRequest request, TrainingResult result) {
        return new TrainingSection(
                asMap(request.training()),
                asMap(request.model()),
                result.bestEpoch(),
                result.bestValidationAccuracy(),
                result.stoppedEarly(),
                result.resumedAfterEpoch(),
                result.trainingSeconds(),
                result.history().stream()
                        .mapToDouble(EpochStats::samplesPerSecond)
                        .average()
                        .orElse(0),
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                result.history().stream().map(TrainingPipeline::epoch).toList());
    }

    private static TrainingSection.Epoch epoch(EpochStats stats) {
        return new TrainingSection.Epoch(
                stats.epoch(),
                stats.trainLoss(),
                stats.trainAccuracy(),
                stats.validationLoss(),
                stats.validationAccuracy(),
                stats.learningRate(),
                stats.samplesPerSecond(),
                stats.seconds(),
                stats.validationBitsPerCharacter(),
                stats.validationPerplexity());
    }

    /** @param sizes examples kept in train, validation and test */
    DatasetSection datasetSection(LoadedDataset dataset, long[] sizes, int emptyTexts) {
        return new DatasetSection(
                asMap(dataset.spec()),
                dataset.fingerprint(),
                new DatasetSection.SplitSizes(sizes[0], sizes[1], sizes[2]),
                emptyTexts);
    }

    static EvaluationSection metricsSection(ClassificationMetrics metrics, double testLoss, TrainingResult result) {
        return new EvaluationSection(
                metrics.accuracy(),
                testLoss,
                metrics.macroF1(),
                metrics.weightedF1(),
                result.bestValidationAccuracy(),
                metrics.total(),
                metrics.perClass().stream()
                        .map(c -> new EvaluationSection.ClassScore(
                                c.label(), c.precision(), c.recall(), c.f1(), c.support()))
                        .toList(),
                metrics.confusionMatrix());
    }

    /** A record as the key/value pairs JSON writes for it, in its order: how the manifest keeps it. */
    private Map<String, Object> asMap(Object value) {
        return json.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
