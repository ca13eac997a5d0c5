package io.github.rnnserving.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The protocol's JSON objects, named and shaped as its REST specification gives them. */
final class V2Json {

    private V2Json() {}

    /** {@code $inference_request}. */
    record InferenceRequest(
            @Schema(description = "Echoed in the response", example = "42")
            String id,

            @Schema(description = "top_k: also return the k most probable labels per input")
            Map<String, JsonNode> parameters,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<RequestInput> inputs,

            @Schema(description = "The outputs to return (default: all)")
            List<RequestOutput> outputs) {}

    /** {@code $request_input}: the whole batch's shape and row-major data (flat or nested). */
    record RequestInput(
            @Schema(example = "text") String name,
            @Schema(example = "[2]") List<Long> shape,
            @Schema(example = "BYTES") String datatype,
            Map<String, JsonNode> parameters,

            @Schema(implementation = Object.class, example = "[\"Nakamura\", \"Smith\"]")
            JsonNode data) {}

    /** {@code $request_output}. */
    record RequestOutput(String name, Map<String, JsonNode> parameters) {}

    /** {@code $inference_response}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferenceResponse(
            @JsonProperty("model_name") String modelName,
            @JsonProperty("model_version") String modelVersion,
            String id,
            List<ResponseOutput> outputs) {}

    /** {@code $response_output}: row-major flat data. */
    record ResponseOutput(String name, List<Integer> shape, String datatype, List<?> data) {}

    /** {@code $metadata_server_response}. */
    record ServerMetadata(String name, String version, List<String> extensions) {}

    /**
     * {@code $metadata_model_response}; {@code parameters.labels} (beyond the specification) gives
     * the order of the {@code probabilities} output's columns.
     */
    record ModelMetadata(
            String name,
            List<String> versions,
            String platform,
            List<MetadataTensor> inputs,
            List<MetadataTensor> outputs,
            Map<String, Object> parameters) {}

    /** {@code $metadata_tensor}: -1 marks a dimension of any size. */
    record MetadataTensor(String name, String datatype, List<Integer> shape) {}

    /** {@code $live_server_response}. */
    record ServerLive(boolean live) {}

    /** The server ready answer (the specification's text shows {@code live} there, KServe answers {@code ready}). */
    record ServerReady(boolean ready) {}

    /** {@code $ready_model_response}. */
    record ModelReady(String name, boolean ready) {}

    /** Every error's body: {@code {"error": "..."}}. */
    record Error(String error) {}
}
