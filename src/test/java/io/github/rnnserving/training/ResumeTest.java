package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThatExceptionOfType(TrainingCancelledException.class)
                .isThrownBy(() -> pipeline.run(
                        NamesTrainingTest.request(3),
                        models.resolve("b"),
                        checkpoints,
                        stopAfterFirstEpoch,
                        stop::get));
        assertThat(checkpoints.readState().orElseThrow().epochsDone()).isEqualTo(1);

        TrainingOutcome resumed = pipeline.run(
                NamesTrainingTest.request(3), models.resolve("b"), checkpoints, TrainingListener.NONE, () -> false);
        assertThat(resumed.result().resumedAfterEpoch()).isEqualTo(1);
        assertThat(learningCurve(resumed)).isEqualTo(learningCurve(straight));
        assertThat(resumed.test().accuracy()).isEqualTo(straight.test().accuracy());
        NamesTrainingTest.assertSameWeights(straight.bundle(), resumed.bundle());
        assertThat(Files.exists(checkpoints.folder()))
                .as("checkpoint removed once the bundle is written")
                .isFalse();
        assertThat(Files.isRegularFile(resumed.bundle().resolve("model.json"))).isTrue();
    }

    /** Per epoch: training loss, validation loss and accuracy (timings differ by nature). */
    private static java.util.List<java.util.List<Double>> learningCurve(TrainingOutcome outcome) {
        return outcome.result().history().stream()
                .map(e -> java.util.List.of(e.trainLoss(), e.validationLoss(), e.validationAccuracy()))
                .toList();
    }
}
