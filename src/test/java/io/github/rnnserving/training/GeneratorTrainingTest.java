package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.rnnserving.data.DatasetFormat;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.data.SplitOptions;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.LoadedModel;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.Vocabulary;
import io.github.rnnserving.report.ModelCharts;
import io.github.rnnserving.report.ModelReport;
import io.github.rnnserving.support.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A character-level generator learns names per language through the classifier's trainer. */
class GeneratorTrainingTest {

    @TempDir
    Path models;

    static TrainingRequest request(int epochs, boolean conditioned) {
        DatasetSpec names = new DatasetSpec(
                DatasetFormat.FOLDER,
                SharedFiles.requireData("names").toString(),
                null,
                "UTF-8",
                null,
                null,
                Map.of(),
                List.of(),
                1500,
                new SplitOptions(7, 0.15, 0.15, true));
        ModelOptions model = ModelOptions.builder()
                .task(ModelTask.GENERATE)
                .conditioned(conditioned)
                .cell(CellType.LSTM)
                .hiddenSize(32)
                .embeddingSize(16)
                .maxLength(40)
                .build();
        TrainingSettings training = TrainingSettings.builder()
                .epochs(epochs)
                .batchSize(32)
                .learningRate(0.01f)
                .truncation(4)
                .seed(5)
                .build();
        return new TrainingRequest("names-generator-test", names, model, training);
    }

    @Test
    void learnsNamesFarBelowUniformBitsAndWritesAGeneratorBundle() {
        TrainingOutcome outcome =
                new TrainingPipeline().run(request(3, true), models, null, TrainingListener.NONE, () -> false);

        ModelManifest manifest = outcome.manifest();
        TextInputSpec input = (TextInputSpec) manifest.input();
        double uniform = Math.log(input.vocabularySize()) / Math.log(2);
        LanguageModelMetrics test = outcome.generation();
        System.out.printf(
                "names generator subset: validation %.3f, test %.3f bits per character, uniform %.3f%n",
                outcome.result().bestValidationBitsPerCharacter(), test.bitsPerCharacter(), uniform);
        assertThat(test.bitsPerCharacter()).isLessThan(uniform - 2);
        assertThat(test.perplexity()).isCloseTo(Math.pow(2, test.bitsPerCharacter()), within(1e-9));
        List<EpochStats> history = outcome.result().history();
        assertThat(history)
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.isGenerator()).isTrue());
        assertThat(history.get(2).validationBitsPerCharacter())
                .isLessThan(history.get(0).validationBitsPerCharacter());

        assertThat(manifest.isGenerator()).isTrue();
        assertThat(manifest.labels()).hasSizeGreaterThan(10).contains("Russian", "Japanese");
        assertThat(manifest.architecture().conditionCount())
                .isEqualTo(manifest.labels().size());
        assertThat(manifest.architecture().classes()).isEqualTo(input.vocabularySize());
        assertThat(manifest.architecture().bidirectional()).isFalse();
        assertThat(input.vocabulary().subList(0, 3))
                .containsExactly(Vocabulary.PADDING_TOKEN, Vocabulary.UNKNOWN_TOKEN, Vocabulary.END_TOKEN);
        assertThat(manifest.metrics().testBitsPerCharacter()).isEqualTo(test.bitsPerCharacter());
        assertThat(manifest.metrics().validationBitsPerCharacter())
                .isEqualTo(outcome.result().bestValidationBitsPerCharacter());
        assertThat(manifest.metrics().confusionMatrix()).isNull();
        assertThat(manifest.training().history())
                .allSatisfy(e -> assertThat(e.validationBitsPerCharacter()).isNotNull());

        // the report draws validation bits per character, and no confusion matrix
        assertThat(ModelReport.of(manifest).toMarkdown("curve.png", null))
                .contains("Test **", "bits per character", "next token over " + input.vocabularySize())
                .doesNotContain("confusion");
        ModelCharts.Written charts = ModelCharts.write(manifest, models.resolve("charts"));
        assertThat(charts.learningCurve()).isRegularFile();
        assertThat(charts.confusionMatrix()).isNull();

        // the bundle read back scores the test split as the run did
        ModelBundles bundles = new ModelBundles();
        TextSequences testRows = new GeneratorEncoder(input, manifest.labels())
                .encode(outcome.testSet())
                .data();
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = bundles.read(outcome.bundle(), manager);
            LanguageModelMetrics again = LanguageModelEvaluator.evaluate(loaded.languageModel(), manager, testRows, 64);
            assertThat(again.bitsPerCharacter()).isCloseTo(test.bitsPerCharacter(), within(1e-5));
        }
    }

    @Test
    void aCancelledRunResumesFromItsCheckpointAndEndsAsIfItNeverStopped() {
        TrainingPipeline pipeline = new TrainingPipeline();
        TrainingOutcome straight =
                pipeline.run(request(2, false), models.resolve("a"), null, TrainingListener.NONE, () -> false);
        assertThat(straight.manifest().labels()).isEmpty();
        assertThat(straight.manifest().architecture().conditionCount()).isZero();

        Checkpoints checkpoints = new Checkpoints(models.resolve("b/.checkpoint"));
        AtomicBoolean stop = new AtomicBoolean();
        TrainingListener stopAfterFirstEpoch = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats, boolean improved) {
                stop.set(stats.epoch() == 1);
            }
        };
        assertThatExceptionOfType(TrainingCancelledException.class)
                .isThrownBy(() -> pipeline.run(
                        request(2, false), models.resolve("b"), checkpoints, stopAfterFirstEpoch, stop::get));
        assertThat(checkpoints.readState().orElseThrow().epochsDone()).isEqualTo(1);

        TrainingOutcome resumed =
                pipeline.run(request(2, false), models.resolve("b"), checkpoints, TrainingListener.NONE, () -> false);
        assertThat(resumed.result().resumedAfterEpoch()).isEqualTo(1);
        assertThat(curve(resumed)).isEqualTo(curve(straight));
        assertThat(resumed.generation().bitsPerCharacter())
                .isEqualTo(straight.generation().bitsPerCharacter());
        assertSameWeights(straight.bundle(), resumed.bundle());
        assertThat(Files.exists(checkpoints.folder())).isFalse();
    }

    private static List<List<Double>> curve(TrainingOutcome outcome) {
        return outcome.result().history().stream()
                .map(e -> List.of(e.trainLoss(), e.validationLoss(), e.validationBitsPerCharacter()))
                .toList();
    }

    private static void assertSameWeights(Path first, Path second) {
        ModelBundles bundles = new ModelBundles();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> a =
                    bundles.read(first, manager).languageModel().namedParameters();
            Map<String, Parameter> b =
                    bundles.read(second, manager).languageModel().namedParameters();
            assertThat(b.keySet()).isEqualTo(a.keySet()).contains("embedding.weight", "fc.weight");
            for (String name : a.keySet()) {
                assertThat(b.get(name).getArray().toFloatArray())
                        .as(name)
                        .isEqualTo(a.get(name).getArray().toFloatArray());
            }
        }
    }
}
