package io.github.rnnserving.training;

/** What one epoch did; {@code samplesPerSecond} counts training samples over training time. */
public record EpochStats(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double learningRate,
        double samplesPerSecond,
        double seconds) {}
