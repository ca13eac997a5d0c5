package io.github.rnnserving.training;

import java.util.ArrayList;
import java.util.List;

/** Mutable progress of one run, kept together so a checkpoint captures all of it. */
final class RunState {
    int epochsDone;
    int resumedAfter;
    int bestEpoch;
    /** The best epoch's validation score: accuracy, or bits per character ({@link ScoreDirection}). */
    double bestScore;

    int epochsSinceBest;
    double learningRate;
    final List<EpochStats> history = new ArrayList<>();

    RunState(double learningRate, ScoreDirection direction) {
        this.learningRate = learningRate;
        this.bestScore = direction == ScoreDirection.HIGHER_IS_BETTER ? -1 : Double.MAX_VALUE;
    }
}
