package io.github.rnnserving.session;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;

/** The request bodies of {@code /sessions}. */
final class SessionRequests {

    private SessionRequests() {}

    /**
     * Opens a session on {@code model}: at its serving version, at {@code version}, or where a
     * token from an earlier answer ({@code state}) left off, on any replica.
     */
    record Open(
            @Schema(
                    description = "Model name (a one-way model, such as names-stream or mnist-stream)",
                    example = "names-stream",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String model,

            @Schema(
                    description =
                            "Optional: the version to pin; default the one serving now. With state, it must be the token's")
            String version,

            @Schema(
                    description =
                            "Optional: the state token of an earlier answer, to go on from there (on any replica)")
            String state) {}

    /** One piece of the sequence: {@code text} for text models, {@code rows} for image models. */
    record Step(
            @Schema(description = "The next piece of text (text models)", example = "Naka")
            String text,

            @Schema(description = "The next image rows, each of the model's width (28 integers 0-255, white on black)")
            int[][] rows,

            @Schema(description = "How many labels to return, most probable first (default: all)", example = "3")
            @Min(1) Integer topK) {}
}
