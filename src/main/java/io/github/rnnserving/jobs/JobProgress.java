package io.github.rnnserving.jobs;

import io.github.rnnserving.training.EpochStats;
import java.util.List;

/**
 * A running job's progress, rewritten at most every {@code rnn.jobs.progress-interval} and at
 * every epoch end.
 *
 * @param loss the running training loss of the current epoch
 * @param accuracy the running training accuracy of the current epoch
 * @param etaSeconds time left at the current speed, for the remaining epochs too
 * @param resumedAfterEpoch epochs restored from a checkpoint when the job resumed (0: none)
 * @param history train loss, validation loss and accuracy of every finished epoch
 */
public record JobProgress(
        int epoch,
        int epochs,
        int step,
        int steps,
        double loss,
        double accuracy,
        double samplesPerSecond,
        double etaSeconds,
        int resumedAfterEpoch,
        List<EpochStats> history) {

    public JobProgress {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
