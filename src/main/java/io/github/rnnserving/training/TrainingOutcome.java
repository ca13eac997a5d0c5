package io.github.rnnserving.training;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.model.ModelManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * What a finished run produced: the bundle it wrote, how the model scored on the test split, and
 * that split (so another version can be scored on the very same examples).
 */
public record TrainingOutcome(
        Path bundle,
        ModelManifest manifest,
        TrainingResult result,
        ClassificationMetrics test,
        List<? extends Example> testSet) {}
