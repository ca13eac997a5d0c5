package io.github.rnnserving.classify;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One of {@code text}, {@code texts}, {@code image}, {@code images} or {@code imageBase64}, for the
 * model named in {@code model}.
 */
public record ClassifyRequest(
        @Schema(description = "Model name", example = "names", requiredMode = Schema.RequiredMode.REQUIRED)
        String model,

        @Schema(description = "One text (text models)", example = "Nakamura")
        String text,

        @Schema(description = "A batch of texts (text models)")
        List<String> texts,

        @Schema(description = "One image: 28 rows of 28 integers 0-255, white on black (image models)")
        int[][] image,

        @Schema(description = "A batch of 28×28 images (image models)")
        List<int[][]> images,

        @Schema(
                description =
                        "One PNG or JPEG image, base64; any size or colour, fitted to 28×28 as MNIST was made (image models)")
        String imageBase64,

        @Schema(
                description = "imageBase64 only: light-on-dark, dark-on-light or auto (default: auto, from the border)",
                example = "auto")
        String polarity,

        @Schema(description = "How many labels to return, most probable first (default: all)", example = "3")
        Integer topK,

        @Schema(description = "Also show, step by step, the answer the network would give if the sequence ended there")
        Boolean explain) {}
