package io.github.rnnserving.generate;

import io.swagger.v3.oas.annotations.media.Schema;

/** A text to score under a generator, given a condition when the model has conditions. */
record ScoreRequest(
        @Schema(
                description = "Model name (a generator)",
                example = "names-generator",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String model,

        @Schema(description = "One of the model's conditions; required when the model has any", example = "Russian")
        String condition,

        @Schema(description = "The text to score", example = "Ivanov", requiredMode = Schema.RequiredMode.REQUIRED)
        String text) {}
