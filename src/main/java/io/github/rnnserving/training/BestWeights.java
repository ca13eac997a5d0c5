package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/** Copies of the weights from the best epoch on validation. */
final class BestWeights {
    private final List<NDArray> copies = new ArrayList<>();

    BestWeights(List<NDArray> weights, NDManager manager) {
        for (int i = 0; i < weights.size(); i++) {
            NDArray copy = weights.get(i).duplicate();
            copy.attach(manager);
            copy.setName("best." + i);
            copies.add(copy);
        }
    }

    void remember(List<NDArray> weights) {
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).copyTo(copies.get(i));
        }
    }

    void restoreInto(List<NDArray> weights) {
        for (int i = 0; i < weights.size(); i++) {
            copies.get(i).copyTo(weights.get(i));
        }
    }

    void restore(NDList saved) {
        for (NDArray array : saved) {
            array.copyTo(copies.get(Integer.parseInt(array.getName().substring(5))));
        }
    }

    NDList arrays() {
        return new NDList(copies);
    }
}
