package io.github.rnnserving.training;

import java.util.List;

/**
 * How a run went; the network it trained holds the weights of {@code bestEpoch}. {@code
 * bestValidationBitsPerCharacter} is a language model's score of that epoch (null for a
 * classifier), whose {@code bestValidationAccuracy} is then its next-character accuracy.
 */
public record TrainingResult(
        List<EpochStats> history,
        int bestEpoch,
        double bestValidationAccuracy,
        Double bestValidationBitsPerCharacter,
        boolean stoppedEarly,
        int resumedAfterEpoch,
        double trainingSeconds) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
