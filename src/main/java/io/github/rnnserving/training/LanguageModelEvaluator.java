package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.model.LanguageModel;

/** Runs a language model over texts, teacher-forced: its loss, bits per character and perplexity. */
public final class LanguageModelEvaluator {

    private LanguageModelEvaluator() {}

    public static LanguageModelMetrics evaluate(
            LanguageModel model, NDManager manager, TextSequences data, int batchSize) {
        double lossSum = 0;
        long correct = 0;
        long positions = 0;
        for (int[] batch : BatchPlan.byLength(data.lengths(), batchSize)) {
            try (NDManager scope = manager.newSubManager()) {
                SequenceBatch sequences = SequenceBatch.of(scope, data, batch);
                NDArray logits = model.forward(new ParameterStore(scope, false), sequences.input(), false)
                        .head();
                lossSum += Losses.maskedCrossEntropySum(logits, sequences.targets(), sequences.mask())
                        .getFloat();
                correct += Losses.maskedCorrect(logits, sequences.targets(), sequences.mask());
                positions += sequences.positions();
            }
        }
        return LanguageModelMetrics.of(lossSum, correct, positions, data.size());
    }
}
