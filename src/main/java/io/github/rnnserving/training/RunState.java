package io.github.rnnserving.training;

import java.util.ArrayList;
import java.util.List;

/** Mutable progress of one run, kept together so a checkpoint captures all of it. */
final class RunState {
    int epochsDone;
    int resumedAfter;
    int bestEpoch;
    double bestAccuracy = -1;
    int epochsSinceBest;
    double learningRate;
    final List<EpochStats> history = new ArrayList<>();

    RunState(double learningRate) {
        this.learningRate = learningRate;
    }
}
