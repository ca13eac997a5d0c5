package io.github.rnnserving.training;

import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.model.ModelBundles;

/** One training run: which data, which model, which settings, and the name to register it under. */
public record TrainingRequest(String modelName, DatasetSpec dataset, ModelOptions model, TrainingSettings training) {

    public TrainingRequest {
        ModelBundles.requireValidName(modelName);
        if (dataset == null || model == null || training == null) {
            throw new IllegalArgumentException("dataset, model and training are required");
        }
    }
}
