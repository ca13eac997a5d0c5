package io.github.rnnserving.training;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/**
 * The bookkeeping of a run after {@code epochsDone} epochs, stored next to its arrays. {@code
 * bestValidationScore} is the best epoch's validation accuracy (classifier) or bits per character
 * (language model); checkpoints written before language models called it {@code
 * bestValidationAccuracy}.
 */
public record CheckpointState(
        String runKey,
        int epochsDone,
        int bestEpoch,
        @JsonAlias("bestValidationAccuracy") double bestValidationScore,
        int epochsSinceBest,
        double learningRate,
        List<EpochStats> history) {

    public CheckpointState {
        history = List.copyOf(history);
    }
}
