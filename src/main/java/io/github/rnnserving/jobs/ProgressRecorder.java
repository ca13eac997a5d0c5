package io.github.rnnserving.jobs;

import io.github.rnnserving.training.EpochStats;
import io.github.rnnserving.training.TrainingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the trainer's callbacks into {@link JobProgress} with speed and time left, handed on at
 * most once per interval during an epoch and always at its end.
 */
final class ProgressRecorder implements TrainingListener {

    private final Consumer<JobProgress> sink;
    private final long intervalNanos;
    private final List<EpochStats> history = new ArrayList<>();
    private int resumedAfterEpoch;
    private int epochs;
    private int epoch;
    private int steps;
    private long epochStartNanos;
    private long lastWriteNanos;

    ProgressRecorder(Duration interval, Consumer<JobProgress> sink) {
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void onResume(int epochsDone, List<EpochStats> restored) {
        resumedAfterEpoch = epochsDone;
        history.addAll(restored);
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int steps) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
        epochStartNanos = System.nanoTime();
        sink.accept(progress(0, Double.NaN, Double.NaN, 0, Double.NaN));
        lastWriteNanos = epochStartNanos;
    }

    @Override
    public void onStep(int epoch, int step, int steps, double loss, double accuracy, long samples) {
        long now = System.nanoTime();
        if (now - lastWriteNanos < intervalNanos) {
            return;
        }
        lastWriteNanos = now;
        double seconds = (now - epochStartNanos) / 1e9;
        double secondsPerStep = seconds / step;
        int stepsLeft = (steps - step) + (epochs - epoch) * steps;
        sink.accept(progress(step, loss, accuracy, samples / seconds, secondsPerStep * stepsLeft));
    }

    @Override
    public void onEpochEnd(EpochStats stats, boolean improved) {
        history.add(stats);
        double secondsPerStep = stats.seconds() / Math.max(1, steps);
        sink.accept(progress(
                steps,
                stats.trainLoss(),
                stats.trainAccuracy(),
                stats.samplesPerSecond(),
                secondsPerStep * (epochs - epoch) * steps));
        lastWriteNanos = System.nanoTime();
    }

    private JobProgress progress(int step, double loss, double accuracy, double samplesPerSecond, double eta) {
        return new JobProgress(
                epoch,
                epochs,
                step,
                steps,
                finite(loss),
                finite(accuracy),
                finite(samplesPerSecond),
                finite(eta),
                resumedAfterEpoch,
                history);
    }

    /** JSON has no NaN: unknown values are 0 until the first step. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
