package io.github.rnnserving.cli;

import io.github.rnnserving.training.EpochStats;
import io.github.rnnserving.training.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/** Draws training progress on the terminal. */
final class ProgressListener implements TrainingListener {

    private final ProgressBar bar;
    private final PrintStream out;

    ProgressListener(ProgressBar bar, PrintStream out) {
        this.bar = bar;
        this.out = out;
    }

    @Override
    public void onResume(int epochsDone) {
        out.printf(Locale.ROOT, "resuming from the checkpoint after epoch %d%n", epochsDone);
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int steps) {
        bar.startEpoch(epoch, epochs, steps);
    }

    @Override
    public void onStep(int epoch, int step, int steps, double loss, double accuracy, long samples) {
        bar.update(step, loss, accuracy, samples);
    }

    @Override
    public void onEpochEnd(EpochStats stats, boolean improved) {
        if (stats.isGenerator()) {
            bar.endEpoch(String.format(
                    Locale.ROOT,
                    "epoch %d: train loss %.4f (%.3f bpc) | validation loss %.4f, %.3f bpc, perplexity %.2f%s"
                            + " | %.0f samples/s, %.1f s",
                    stats.epoch(),
                    stats.trainLoss(),
                    stats.trainLoss() / Math.log(2),
                    stats.validationLoss(),
                    stats.validationBitsPerCharacter(),
                    stats.validationPerplexity(),
                    improved ? " *" : "",
                    stats.samplesPerSecond(),
                    stats.seconds()));
            return;
        }
        bar.endEpoch(String.format(
                Locale.ROOT,
                "epoch %d: train loss %.4f acc %.4f | validation loss %.4f acc %.4f%s | %.0f samples/s, %.1f s",
                stats.epoch(),
                stats.trainLoss(),
                stats.trainAccuracy(),
                stats.validationLoss(),
                stats.validationAccuracy(),
                improved ? " *" : "",
                stats.samplesPerSecond(),
                stats.seconds()));
    }
}
