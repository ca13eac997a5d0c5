package io.github.rnnserving.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.data.DatasetFormat;
import io.github.rnnserving.data.LoadedDataset;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.LanguageModel;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One generator's run inside {@link TrainingPipeline}: a character vocabulary with the end token
 * from the training split, the dataset's labels as conditions (or none), teacher-forced BPTT
 * through {@link BpttTrainer}, and the test split's bits per character in the bundle.
 */
final class GeneratorRun {

    private final TrainingPipeline pipeline;
    private final TrainingRequest request;
    private final LoadedDataset dataset;

    GeneratorRun(TrainingPipeline pipeline, TrainingRequest request, LoadedDataset dataset) {
        this.pipeline = pipeline;
        this.request = request;
        this.dataset = dataset;
    }

    TrainingOutcome train(
            Path modelsDir,
            Checkpoints checkpoints,
            String runKey,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        if (request.dataset().format() == DatasetFormat.IDX) {
            throw new TrainingFailedException("a generator learns from texts: this dataset holds images");
        }
        ModelOptions options = request.model();
        Tokenizer tokenizer =
                new Tokenizer(options.tokens(), options.normalization(), options.lowerCaseFor(options.tokens()));
        TextInputSpec input = GeneratorEncoder.fit(
                tokenizer,
                dataset.split().train(),
                options.minFrequency(),
                options.maxVocabulary(),
                options.maxLength());
        List<String> conditions = options.conditioned() ? dataset.labels() : List.of();
        GeneratorEncoder encoder = new GeneratorEncoder(input, conditions);
        GeneratorEncoder.Encoded train = encoder.encode(dataset.split().train());
        GeneratorEncoder.Encoded validation = encoder.encode(dataset.split().validation());
        GeneratorEncoder.Encoded test = encoder.encode(dataset.split().test());
        if (train.data().size() == 0) {
            throw new TrainingFailedException("the training split is empty");
        }
        Architecture architecture = architecture(options, input, conditions.size());

        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) request.training().seed());
            LanguageModel model = new LanguageModel(architecture);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 1));

            LanguageModelObjective objective = new LanguageModelObjective(model, train.data(), validation.data());
            TrainingResult result = new BpttTrainer(request.training(), listener)
                    .train(objective, manager, validation.data().size() == 0, checkpoints, runKey, cancelled);
            LanguageModelMetrics scored = LanguageModelEvaluator.evaluate(model, manager, test.data(), 256);

            ModelManifest manifest = pipeline.manifest(
                    request,
                    input,
                    architecture,
                    conditions,
                    result,
                    pipeline.datasetSection(
                            dataset,
                            new long[] {
                                train.data().size(),
                                validation.data().size(),
                                test.data().size()
                            },
                            train.emptyTexts() + validation.emptyTexts() + test.emptyTexts()),
                    EvaluationSection.generator(
                            scored.loss(),
                            scored.accuracy(),
                            scored.texts(),
                            result.bestValidationBitsPerCharacter(),
                            scored.bitsPerCharacter()),
                    ModelManifest.TASK_GENERATE);
            Path bundle = pipeline.bundles().write(modelsDir, manifest, model);
            return new TrainingOutcome(
                    bundle,
                    pipeline.bundles().readManifest(bundle),
                    result,
                    null,
                    scored,
                    dataset.split().test());
        }
    }

    /** The head predicts the next token: as many classes as the vocabulary has tokens. */
    static Architecture architecture(ModelOptions options, TextInputSpec input, int conditions) {
        return new Architecture(
                InputKind.TEXT,
                options.cell(),
                options.layers(),
                options.hiddenSize(),
                false,
                options.dropout(),
                options.inputDropout(),
                options.outputDropout(),
                Summary.LAST,
                input.inputSize(options.embeddingSize()),
                input.vocabularySize(),
                input.vocabularySize(),
                conditions);
    }
}
