package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.model.LanguageModel;
import java.util.Map;

/**
 * A language model learns the next character with teacher forcing: masked mean cross-entropy over
 * the real target positions, best epoch by validation bits per character (lower is better).
 */
final class LanguageModelObjective implements TrainingObjective {

    private final LanguageModel model;
    private final TextSequences train;
    private final TextSequences validation;

    LanguageModelObjective(LanguageModel model, TextSequences train, TextSequences validation) {
        this.model = model;
        this.train = train;
        this.validation = validation;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return model.namedParameters();
    }

    @Override
    public int[] trainLengths() {
        return train.lengths();
    }

    @Override
    public BatchLoss trainBatch(NDManager scope, int[] batch, int truncation) {
        SequenceBatch sequences = SequenceBatch.of(scope, train, batch);
        NDArray logits =
                model.forwardWithTruncation(new ParameterStore(scope, false), sequences.input(), true, truncation);
        NDArray loss = Losses.maskedCrossEntropySum(logits, sequences.targets(), sequences.mask())
                .div(sequences.positions());
        long correct = Losses.maskedCorrect(logits, sequences.targets(), sequences.mask());
        return new BatchLoss(loss, sequences.positions(), correct);
    }

    @Override
    public Validation validate(NDManager manager, int batchSize) {
        if (validation.size() == 0) {
            return new Validation(0, 0, 0.0, 0);
        }
        LanguageModelMetrics metrics = LanguageModelEvaluator.evaluate(model, manager, validation, batchSize);
        return new Validation(
                metrics.loss(), metrics.accuracy(), metrics.bitsPerCharacter(), metrics.bitsPerCharacter());
    }

    @Override
    public ScoreDirection direction() {
        return ScoreDirection.LOWER_IS_BETTER;
    }
}
