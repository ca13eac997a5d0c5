package io.github.rnnserving.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped after an epoch resumes from its checkpoint and ends as if it never stopped. */
class ResumeTest {

    @TempDir
    Path models;

    @Test
    void resumedRunEqualsUninterruptedRun() {
        TrainingPipeline pipeline = new TrainingPipeline();
        TrainingOutcome straight = pipeline.run(
                NamesTrainingTest.request(3), models.resolve("a"), null, TrainingListener.NONE, () -> false);

        Checkpoints checkpoints = new Checkpoints(models.resolve("b/.checkpoint"));
        AtomicBoolean stop = new AtomicBoolean();
        TrainingListener stopAfterFirstEpoch = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats, boolean improved) {
                if (stats.epoch() == 1) {
                    stop.set(true);
                }
            }
        };
        assertThrows(
                TrainingCancelledException.class,
                () -> pipeline.run(
                        NamesTrainingTest.request(3),
                        models.resolve("b"),
                        checkpoints,
                        stopAfterFirstEpoch,
                        stop::get));
        assertEquals(1, checkpoints.readState().orElseThrow().epochsDone());

        TrainingOutcome resumed = pipeline.run(
                NamesTrainingTest.request(3), models.resolve("b"), checkpoints, TrainingListener.NONE, () -> false);
        assertEquals(1, resumed.result().resumedAfterEpoch());
        assertEquals(learningCurve(straight), learningCurve(resumed));
        assertEquals(straight.test().accuracy(), resumed.test().accuracy());
        NamesTrainingTest.assertSameWeights(straight.bundle(), resumed.bundle());
        assertFalse(Files.exists(checkpoints.folder()), "checkpoint removed once the bundle is written");
        assertTrue(Files.isRegularFile(resumed.bundle().resolve("model.json")));
    }

    /** Per epoch: training loss, validation loss and accuracy (timings differ by nature). */
    private static java.util.List<java.util.List<Double>> learningCurve(TrainingOutcome outcome) {
        return outcome.result().history().stream()
                .map(e -> java.util.List.of(e.trainLoss(), e.validationLoss(), e.validationAccuracy()))
                .toList();
    }
}
