package io.github.rnnserving.generate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What to generate. Only {@code model} is required (and {@code condition} for a conditioned
 * model); the limits that depend on the settings ({@code rnn.limits.max-generate-count}, {@code
 * max-generate-length}) and on the model (its conditions and characters) are checked in {@link
 * GenerationInputs}.
 */
record GenerateRequest(
        @Schema(
                description = "Model name (a generator)",
                example = "names-generator",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String model,

        @Schema(
                description = "One of the model's conditions (GET /models/{name}: its labels); required when the model"
                        + " has any, refused when it has none",
                example = "Japanese")
        String condition,

        @Schema(
                description = "Text every sample starts with (part of each sample's text); default none",
                example = "Na")
        String prefix,

        @Schema(description = "Samples to draw, 1 to rnn.limits.max-generate-count (default 1)", example = "3")
        Integer count,

        @Schema(
                description = "Most characters of a sample, the prefix included; 1 to rnn.limits.max-generate-length"
                        + " (default: that limit)",
                example = "20")
        Integer maxLength,

        @Schema(description = "0 (greedy: always the most probable character) to 10; default 1", example = "0.8")
        Double temperature,

        @Schema(description = "Draw only from the k most probable characters; 0 (default) keeps all", example = "0")
        Integer topK,

        @Schema(
                description = "Nucleus: draw only from the most probable characters that together reach p; (0, 1],"
                        + " default 1",
                example = "0.95")
        Double topP,

        @Schema(
                description =
                        "Seed of the random draws: the same seed, request and model version give the same samples;"
                                + " default a random one, given back in the answer",
                example = "7")
        Long seed) {}
