package io.github.rnnserving.training;

import java.util.List;

/** How a run went; the classifier it trained holds the weights of {@code bestEpoch}. */
public record TrainingResult(
        List<EpochStats> history,
        int bestEpoch,
        double bestValidationAccuracy,
        boolean stoppedEarly,
        int resumedAfterEpoch,
        double trainingSeconds) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
