package io.github.rnnserving.serving;

import io.github.rnnserving.model.EncodedInput;
import java.util.List;

/** Runs one batch through a model version on a forward worker's own predictor. */
@FunctionalInterface
public interface ForwardPass {

    /**
     * @param worker the index of the worker thread calling, {@code 0 ≤ worker < forwardWorkers}:
     *     each worker uses only its own predictor, since predictors are not thread-safe
     * @return class probabilities per sequence, in batch order
     */
    float[][] run(int worker, List<EncodedInput> batch);
}
