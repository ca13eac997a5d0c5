package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * An optimizer whose state is plain named arrays, so a checkpoint can hold it and a resumed run
 * continues exactly where it stopped (DJL's optimizers keep their state private).
 */
interface ParameterUpdater {

    /** Updates each weight in place from its gradient; called outside gradient recording. */
    void update(List<NDArray> weights, List<NDArray> gradients, float learningRate);

    /** The state as named arrays. */
    NDList state();

    /** Restores {@link #state()} output, copying into arrays owned by {@code manager}. */
    void restore(NDList state, NDManager manager);

    static ParameterUpdater create(TrainingSettings settings, List<NDArray> weights, NDManager manager) {
        return switch (settings.optimizer()) {
            case ADAM -> new AdamUpdater(weights, manager, settings.weightDecay());
            case SGD -> new SgdUpdater(weights, manager, settings.momentum(), settings.weightDecay());
        };
    }
}
