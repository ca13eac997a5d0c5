package io.github.rnnserving.training;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.model.ModelManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * What a finished run produced: the bundle it wrote, how the model scored on the test split, and
 * that split (so another version can be scored on the very same examples).
 *
 * @param test a classifier's test scores; null for a generator
 * @param generation a generator's test scores (bits per character, perplexity); null for a classifier
 */
public record TrainingOutcome(
        Path bundle,
        ModelManifest manifest,
        TrainingResult result,
        ClassificationMetrics test,
        LanguageModelMetrics generation,
        List<? extends Example> testSet) {

    public boolean isGenerator() {
        return generation != null;
    }
}
