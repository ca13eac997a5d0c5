package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.rnnserving.data.DatasetFormat;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.data.SplitOptions;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.support.SharedFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real learning on a subset of the names data, repeatable from its seed. */
class NamesTrainingTest {

    @TempDir
    Path models;

    static TrainingRequest request(int epochs) {
        DatasetSpec names = new DatasetSpec(
                DatasetFormat.FOLDER,
                SharedFiles.requireData("names").toString(),
                null,
                "UTF-8",
                null,
                null,
                Map.of(),
                List.of(),
                3000,
                new SplitOptions(7, 0.15, 0.15, true));
        ModelOptions model = ModelOptions.builder()
                .cell(CellType.GRU)
                .hiddenSize(48)
                .bidirectional(true)
                .embeddingSize(24)
                .lowerCase(false)
                .maxVocabulary(500)
                .maxLength(40)
                .build();
        TrainingSettings training = TrainingSettings.builder()
                .epochs(epochs)
                .batchSize(32)
                .optimizer(OptimizerKind.ADAM)
                .learningRate(0.01f)
                .seed(11)
                .build();
        return new TrainingRequest("names-test", names, model, training);
    }

    @Test
    void learnsFarAboveTheMajorityClassAndRepeatsWithItsSeed() {
        TrainingPipeline pipeline = new TrainingPipeline();
        TrainingOutcome first = pipeline.run(request(4), models, null, TrainingListener.NONE, () -> false);

        double majority = majorityRate(first.test());
        double validation = first.result().bestValidationAccuracy();
        System.out.printf(
                "names subset: validation %.3f, test %.3f, majority %.3f%n",
                validation, first.test().accuracy(), majority);
        assertThat(validation)
                .as("validation accuracy " + validation + " vs majority " + majority)
                .isGreaterThanOrEqualTo(majority + 0.15);
        assertThat(first.test().accuracy())
                .as("test accuracy " + first.test().accuracy())
                .isGreaterThanOrEqualTo(majority + 0.15);

        TrainingOutcome second = pipeline.run(request(4), models, null, TrainingListener.NONE, () -> false);
        assertThat(second.result().history().stream().map(EpochStats::trainLoss).toList())
                .isEqualTo(first.result().history().stream()
                        .map(EpochStats::trainLoss)
                        .toList());
        assertThat(second.test().accuracy()).isEqualTo(first.test().accuracy());
        assertSameWeights(first.bundle(), second.bundle());
        assertThat(first.manifest().version()).isEqualTo("1");
        assertThat(second.manifest().version()).isEqualTo("2");
    }

    static void assertSameWeights(Path firstBundle, Path secondBundle) {
        ModelBundles bundles = new ModelBundles();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> first =
                    bundles.read(firstBundle, manager).classifier().namedParameters();
            Map<String, Parameter> second =
                    bundles.read(secondBundle, manager).classifier().namedParameters();
            assertThat(second.keySet()).isEqualTo(first.keySet());
            for (String name : first.keySet()) {
                assertThat(second.get(name).getArray().toFloatArray())
                        .as(name)
                        .isEqualTo(first.get(name).getArray().toFloatArray());
            }
        }
    }

    private static double majorityRate(ClassificationMetrics metrics) {
        long[] support = metrics.perClass().stream()
                .mapToLong(ClassificationMetrics.ClassMetrics::support)
                .toArray();
        return (double) Arrays.stream(support).max().orElse(0) / metrics.total();
    }
}
