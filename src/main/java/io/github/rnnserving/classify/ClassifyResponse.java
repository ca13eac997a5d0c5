package io.github.rnnserving.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer for one input ({@code predictions}) or a batch ({@code results}, in input order). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifyResponse(
        String model,
        String version,
        List<Prediction> predictions,
        List<Step> steps,
        String stepsExplained,
        List<Result> results) {

    public record Prediction(String label, double probability) {}

    /**
     * The answer after {@code step} steps: for text the {@code token} read last, for images the row
     * number. {@code label} and {@code probability} are the top one (the fields explain had first,
     * kept for clients that read them); {@code top} holds the request's {@code topK} labels, most
     * probable first, so a chart can follow the runners-up too.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(int step, String token, String label, double probability, List<Prediction> top) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(List<Prediction> predictions, List<Step> steps) {}
}
