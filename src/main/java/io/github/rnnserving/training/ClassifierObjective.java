package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.model.Batches;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.RecurrentClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A classifier learns labels: cross-entropy (class-weighted if asked), best epoch by validation accuracy. */
final class ClassifierObjective implements TrainingObjective {

    private final RecurrentClassifier classifier;
    private final LabeledInputs train;
    private final LabeledInputs validation;
    private final float[] classWeights;

    ClassifierObjective(
            RecurrentClassifier classifier, LabeledInputs train, LabeledInputs validation, float classWeightPower) {
        this.classifier = classifier;
        this.train = train;
        this.validation = validation;
        this.classWeights = classWeightPower > 0
                ? Losses.classWeights(train.labels(), classifier.architecture().classes(), classWeightPower)
                : null;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return classifier.namedParameters();
    }

    @Override
    public int[] trainLengths() {
        return BatchPlan.lengths(train);
    }

    @Override
    public BatchLoss trainBatch(NDManager scope, int[] batch, int truncation) {
        List<EncodedInput> inputs = new ArrayList<>(batch.length);
        long[] labels = new long[batch.length];
        for (int i = 0; i < batch.length; i++) {
            inputs.add(train.inputs().get(batch[i]));
            labels[i] = train.labels()[batch[i]];
        }
        NDList input = Batches.of(scope, inputs);
        NDArray target = scope.create(labels);
        NDArray logits = classifier
                .forwardWithOutputs(new ParameterStore(scope, false), input, true, truncation)
                .head();
        NDArray loss = classWeights == null
                ? Losses.crossEntropy(logits, target)
                : Losses.crossEntropy(logits, target, scope.create(classWeights));
        long correct = logits.argMax(1).eq(target).countNonzero().getLong();
        return new BatchLoss(loss, batch.length, correct);
    }

    @Override
    public Validation validate(NDManager manager, int batchSize) {
        if (validation.size() == 0) {
            return new Validation(0, 0, null, 0);
        }
        Evaluator.Result checked = Evaluator.evaluate(classifier, manager, validation, batchSize);
        double accuracy = checked.accuracy(validation.labels());
        return new Validation(checked.loss(), accuracy, null, accuracy);
    }

    @Override
    public ScoreDirection direction() {
        return ScoreDirection.HIGHER_IS_BETTER;
    }
}
