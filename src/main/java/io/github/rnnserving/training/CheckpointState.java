package io.github.rnnserving.training;

import java.util.List;

/** The bookkeeping of a run after {@code epochsDone} epochs, stored next to its arrays. */
public record CheckpointState(
        String runKey,
        int epochsDone,
        int bestEpoch,
        double bestValidationAccuracy,
        int epochsSinceBest,
        double learningRate,
        List<EpochStats> history) {

    public CheckpointState {
        history = List.copyOf(history);
    }
}
