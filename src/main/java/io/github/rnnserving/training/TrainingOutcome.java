package io.github.rnnserving.training;

import io.github.rnnserving.model.ModelManifest;
import java.nio.file.Path;

/** What a finished run produced: the bundle it wrote and how the model scored on the test split. */
public record TrainingOutcome(
        Path bundle, ModelManifest manifest, TrainingResult result, ClassificationMetrics test) {}
