package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.model.Batches;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.RecurrentClassifier;
import java.util.ArrayList;
import java.util.List;

/** Runs a classifier over labelled inputs: predicted class per input and mean cross-entropy. */
public final class Evaluator {

    private Evaluator() {}

    public record Result(int[] predicted, double loss) {

        public double accuracy(int[] labels) {
            if (labels.length == 0) {
                return 0;
            }
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                if (predicted[i] == labels[i]) {
                    correct++;
                }
            }
            return (double) correct / labels.length;
        }
    }

    public static Result evaluate(
            RecurrentClassifier classifier, NDManager manager, LabeledInputs data, int batchSize) {
        int[] predicted = new int[data.size()];
        double lossSum = 0;
        for (int[] batch : BatchPlan.byLength(BatchPlan.lengths(data), batchSize)) {
            try (NDManager scope = manager.newSubManager()) {
                List<EncodedInput> inputs = new ArrayList<>(batch.length);
                long[] labels = new long[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    inputs.add(data.inputs().get(batch[i]));
                    labels[i] = data.labels()[batch[i]];
                }
                NDList input = Batches.of(scope, inputs);
                NDArray logits = classifier
                        .forward(new ParameterStore(scope, false), input, false)
                        .head();
                NDArray target = scope.create(labels);
                lossSum += Losses.crossEntropy(logits, target).getFloat() * batch.length;
                long[] argmax = logits.argMax(1).toLongArray();
                for (int i = 0; i < batch.length; i++) {
                    predicted[batch[i]] = (int) argmax[i];
                }
            }
        }
        return new Result(predicted, data.size() == 0 ? 0 : lossSum / data.size());
    }
}
