package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.data.DatasetPresets;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.RecurrentClassifier;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.support.SharedFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The other paths through the trainer, each on a small real subset. */
class TrainingVariantsTest {

    @TempDir
    Path models;

    private final TrainingPipeline pipeline = new TrainingPipeline();

    @Test
    void rowLstmLearnsMnistDigits() {
        DatasetSpec mnist =
                DatasetPresets.preset("mnist", SharedFiles.requireData("mnist").getParent(), 1, 0.1, 0, 3000);
        ModelOptions lstm = options(CellType.LSTM, 1, 64, false, 0f, Summary.LAST);
        TrainingSettings settings = settings(3, 32, OptimizerKind.ADAM, 0.005f, 0, 5f, 0);
        TrainingOutcome outcome = pipeline.run(
                new TrainingRequest("mnist-test", mnist, lstm, settings),
                models,
                null,
                TrainingListener.NONE,
                () -> false);

        assertThat(outcome.manifest().architecture().inputKind()).isEqualTo(InputKind.IMAGE_ROWS);
        assertThat(outcome.test().total())
                .as("a fifth of the limit from the official test set")
                .isEqualTo(600);
        assertThat(outcome.test().accuracy())
                .as("test accuracy " + outcome.test().accuracy() + " vs 0.1 chance")
                .isGreaterThan(0.6);
    }

    @Test
    void sgdWithTruncatedBpttStackedLayersDropoutAndMeanSummaryLearns() {
        DatasetSpec names = NamesTrainingTest.request(1).dataset();
        ModelOptions stacked = options(CellType.LSTM, 2, 32, true, 0.2f, Summary.MEAN);
        TrainingSettings sgd = settings(4, 16, OptimizerKind.SGD, 0.1f, 3, 1f, 0);
        TrainingOutcome outcome = pipeline.run(
                new TrainingRequest("names-sgd", names, stacked, sgd),
                models,
                null,
                TrainingListener.NONE,
                () -> false);

        double firstLoss = outcome.result().history().get(0).trainLoss();
        double lastLoss = outcome.result().history().get(3).trainLoss();
        assertThat(lastLoss).as("loss " + firstLoss + " -> " + lastLoss).isLessThan(firstLoss * 0.9);
        assertThat(outcome.test().accuracy())
                .as("test accuracy " + outcome.test().accuracy() + " vs 0.47 majority")
                .isGreaterThan(0.55);
    }

    @Test
    void theLastOutputSummaryTrainsABidirectionalGru() {
        // out[:, -1]: the backward half sees only the last character, so the forward half must learn
        DatasetSpec names = NamesTrainingTest.request(1).dataset();
        ModelOptions lastOutput = options(CellType.GRU, 1, 32, true, 0f, Summary.LAST_OUTPUT);
        TrainingOutcome outcome = pipeline.run(
                new TrainingRequest(
                        "names-last-output", names, lastOutput, settings(3, 32, OptimizerKind.ADAM, 0.01f, 0, 5f, 0)),
                models,
                null,
                TrainingListener.NONE,
                () -> false);

        assertThat(outcome.manifest().architecture().summary()).isEqualTo(Summary.LAST_OUTPUT);
        double firstLoss = outcome.result().history().get(0).trainLoss();
        double lastLoss = outcome.result().history().get(2).trainLoss();
        assertThat(lastLoss).as("loss " + firstLoss + " -> " + lastLoss).isLessThan(firstLoss * 0.9);
        assertThat(outcome.test().accuracy())
                .as("test accuracy " + outcome.test().accuracy() + " vs 0.47 majority")
                .isGreaterThan(0.55);
    }

    @Test
    void earlyStoppingEndsTheRunAndKeepsTheBestEpoch() {
        DatasetSpec names = NamesTrainingTest.request(1).dataset();
        // a learning rate this high stops improving quickly
        TrainingSettings settings = settings(12, 64, OptimizerKind.ADAM, 0.2f, 0, 0.5f, 1);
        TrainingOutcome outcome = pipeline.run(
                new TrainingRequest(
                        "names-stop", names, options(CellType.RNN, 1, 16, false, 0f, Summary.LAST), settings),
                models,
                null,
                TrainingListener.NONE,
                () -> false);

        assertThat(outcome.result().stoppedEarly()).as("stopped early").isTrue();
        int epochs = outcome.result().history().size();
        assertThat(epochs).as("ran " + epochs + " epochs").isLessThan(12);
        assertThat(outcome.result().bestEpoch())
                .as("patience 1: one epoch after the best")
                .isEqualTo(epochs - 1);
    }

    @Test
    void aNanLossFailsTheRunWithAReason() {
        Architecture architecture =
                new Architecture(InputKind.TEXT, CellType.GRU, 1, 4, false, 0f, 0f, 0f, Summary.LAST, 3, 5, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NDArray head = classifier.namedParameters().get("fc.bias").getArray();
            manager.create(new float[] {Float.NaN, 0f}).copyTo(head);
            LabeledInputs data = new LabeledInputs(
                    List.of(new EncodedInput.TokenIds(new long[] {2, 3}), new EncodedInput.TokenIds(new long[] {4})),
                    new int[] {0, 1});
            BpttTrainer trainer =
                    new BpttTrainer(settings(1, 2, OptimizerKind.ADAM, 0.01f, 0, 1f, 0), TrainingListener.NONE);

            assertThatExceptionOfType(TrainingFailedException.class)
                    .isThrownBy(() -> trainer.train(classifier, manager, data, data, null, "run", () -> false))
                    .withMessageContaining("loss became NaN at epoch 1, step 1");
        }
    }

    private static ModelOptions options(
            CellType cell, int layers, int hidden, boolean bidirectional, float dropout, Summary summary) {
        return ModelOptions.builder()
                .cell(cell)
                .layers(layers)
                .hiddenSize(hidden)
                .bidirectional(bidirectional)
                .dropout(dropout)
                .summary(summary)
                .embeddingSize(16)
                .lowerCase(false)
                .maxVocabulary(500)
                .maxLength(40)
                .build();
    }

    private static TrainingSettings settings(
            int epochs, int batch, OptimizerKind optimizer, float rate, int truncation, float clip, int patience) {
        return TrainingSettings.builder()
                .epochs(epochs)
                .batchSize(batch)
                .optimizer(optimizer)
                .learningRate(rate)
                .truncation(truncation)
                .clipNorm(clip)
                .patience(patience)
                .seed(5)
                .build();
    }
}
