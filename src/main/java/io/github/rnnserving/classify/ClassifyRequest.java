package io.github.rnnserving.classify;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One of {@code text}, {@code texts}, {@code image}, {@code images} or {@code imageBase64}, for the
 * model named in {@code model}. The constraints are what holds for any model; the rest (one input
 * kind, the model's input kind, batch and text limits, {@code topK} up to the model's labels) is
 * checked in {@link ClassificationService}, which knows the model and the settings.
 */
public record ClassifyRequest(
        @Schema(description = "Model name", example = "names", requiredMode = Schema.RequiredMode.REQUIRED)
        String model,

        @Schema(description = "One text (text models)", example = "Nakamura")
        String text,

        @Size(min = 1, message = "must hold at least one text") @Schema(description = "A batch of texts (text models)")
        List<@NotBlank String> texts,

        @Schema(description = "One image: 28 rows of 28 integers 0-255, white on black (image models)")
        int[][] image,

        @Size(min = 1, message = "must hold at least one image") @Schema(description = "A batch of 28×28 images (image models)")
        List<int[][]> images,

        @Schema(
                description =
                        "One PNG or JPEG image, base64; any size or colour, fitted to 28×28 as MNIST was made (image models)")
        String imageBase64,

        @Schema(
                description = "imageBase64 only: light-on-dark, dark-on-light or auto (default: auto, from the border)",
                example = "auto")
        String polarity,

        @Schema(description = "How many labels to return, most probable first (default: all)", example = "3") @Min(1) Integer topK,

        @Schema(description = "Also show, step by step, the answer the network would give if the sequence ended there")
        Boolean explain) {}
