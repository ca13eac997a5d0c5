package io.github.rnnserving.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        DatasetSpec mnist = DatasetPresets.preset("mnist", SharedFiles.data(), 1, 0.1, 0, 3000);
        ModelOptions lstm = options(CellType.LSTM, 1, 64, false, 0f, Summary.LAST);
        TrainingSettings settings = settings(3, 32, OptimizerKind.ADAM, 0.005f, 0, 5f, 0);
        TrainingOutcome outcome = pipeline.run(
                new TrainingRequest("mnist-test", mnist, lstm, settings),
                models,
                null,
                TrainingListener.NONE,
                () -> false);

        assertEquals(InputKind.IMAGE_ROWS, outcome.manifest().architecture().inputKind());
        assertEquals(600, outcome.test().total(), "a fifth of the limit from the official test set");
        assertTrue(
                outcome.test().accuracy() > 0.6,
                "test accuracy " + outcome.test().accuracy() + " vs 0.1 chance");
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
        assertTrue(lastLoss < firstLoss * 0.9, "loss " + firstLoss + " -> " + lastLoss);
        assertTrue(
                outcome.test().accuracy() > 0.55,
                "test accuracy " + outcome.test().accuracy() + " vs 0.47 majority");
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

        assertTrue(outcome.result().stoppedEarly(), "stopped early");
        int epochs = outcome.result().history().size();
        assertTrue(epochs < 12, "ran " + epochs + " epochs");
        assertEquals(epochs - 1, outcome.result().bestEpoch(), "patience 1: one epoch after the best");
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

            TrainingFailedException failure = assertThrows(
                    TrainingFailedException.class,
                    () -> trainer.train(classifier, manager, data, data, null, "run", () -> false));
            assertTrue(failure.getMessage().contains("loss became NaN at epoch 1, step 1"), failure.getMessage());
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
