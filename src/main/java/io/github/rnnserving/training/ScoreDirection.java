package io.github.rnnserving.training;

/** Which way a validation score improves: accuracy upwards, bits per character downwards. */
enum ScoreDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    boolean better(double candidate, double best) {
        return this == HIGHER_IS_BETTER ? candidate > best : candidate < best;
    }
}
