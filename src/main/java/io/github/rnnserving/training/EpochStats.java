package io.github.rnnserving.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one epoch did; {@code samplesPerSecond} counts training samples over training time. For a
 * language model the losses are per target position (characters and ends), the accuracies those of
 * the next token, and {@code validationBitsPerCharacter} and {@code validationPerplexity} are set;
 * a classifier leaves them null (and unwritten).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochStats(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double samplesPerSecond,
        double seconds,
        Double validationBitsPerCharacter,
        Double validationPerplexity) {

    /** A classifier's epoch. */
    public EpochStats(
            int epoch,
            double trainLoss,
            double trainAccuracy,
            double validationLoss,
            double validationAccuracy,
            double learningRate,
            double samplesPerSecond,
            double seconds) {
        this(
                epoch,
                trainLoss,
                trainAccuracy,
                validationLoss,
                validationAccuracy,
                learningRate,
                samplesPerSecond,
                seconds,
                null,
                null);
    }

    /** Whether this is a language model's epoch, reported in bits per character. */
    @JsonIgnore
    public boolean isGenerator() {
        return validationBitsPerCharacter != null;
    }
}
