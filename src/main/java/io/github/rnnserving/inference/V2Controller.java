package io.github.rnnserving.inference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The Open Inference Protocol's REST endpoints. Health reuses the actuator's liveness and readiness
 * state; a {@code /versions/{v}} path must name the serving version (another existing version is a
 * 404 saying so: versions are served by promotion, not loaded per request).
 */
@RestController
@Tag(
        name = "open inference protocol (v2)",
        description = "KServe / Triton / MLServer clients: the same models and results as /classify")
class V2Controller {

    private static final String ERROR_EXAMPLE =
            "{\"error\": \"input 'text' takes datatype BYTES (strings), not INT32\"}";
    private static final String INFER_EXAMPLE = "{\"id\": \"42\", \"inputs\": [{\"name\": \"text\", \"shape\": [2],"
            + " \"datatype\": \"BYTES\", \"data\": [\"Nakamura\", \"Smith\"]}], \"parameters\": {\"top_k\": 2}}";

    private final V2Inference inference;
    private final ApplicationAvailability availability;
    private final String version;

    V2Controller(V2Inference inference, ApplicationAvailability availability, ObjectProvider<BuildProperties> build) {
        this.inference = inference;
        this.availability = availability;
        BuildProperties properties = build.getIfAvailable();
        String implementation = V2Controller.class.getPackage().getImplementationVersion();
        this.version =
                properties != null ? properties.getVersion() : implementation != null ? implementation : "unknown";
    }

    @Operation(summary = "Server live (the actuator's liveness state)")
    @GetMapping(path = "/v2/health/live", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<V2Json.ServerLive> live() {
        boolean live = availability.getLivenessState() == LivenessState.CORRECT;
        return ResponseEntity.status(live ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new V2Json.ServerLive(live));
    }

    @Operation(summary = "Server ready (the actuator's readiness state)")
    @GetMapping(path = "/v2/health/ready", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<V2Json.ServerReady> ready() {
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new V2Json.ServerReady(ready));
    }

    @Operation(summary = "Server metadata: name, version, extensions (none: no binary data, no others)")
    @GetMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
    V2Json.ServerMetadata server() {
        return new V2Json.ServerMetadata("rnn-serving", version, List.of());
    }

    @Operation(
            summary = "Model metadata: platform, versions, the input tensor and the four outputs",
            description = "parameters.labels gives the order of the probabilities output's columns")
    @ApiResponse(responseCode = "200", description = "The model's metadata")
    @ApiResponse(
            responseCode = "404",
            description = "No such model, or a version that does not serve",
            content = @Content(examples = @ExampleObject(value = "{\"error\": \"no model named 'x'\"}")))
    @GetMapping(
            path = {"/v2/models/{name}", "/v2/models/{name}/versions/{version}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    V2Json.ModelMetadata model(@PathVariable String name, @PathVariable(required = false) String version) {
        return inference.metadata(name, version);
    }

    @Operation(summary = "Model ready: 200 with ready true while it serves, else a 404 error")
    @GetMapping(
            path = {"/v2/models/{name}/ready", "/v2/models/{name}/versions/{version}/ready"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    V2Json.ModelReady modelReady(@PathVariable String name, @PathVariable(required = false) String version) {
        inference.manifest(name, version);
        return new V2Json.ModelReady(name, true);
    }

    @Operation(
            summary = "Inference: one input tensor, outputs probabilities, label (and top_labels, top_probabilities)",
            description = "Text models: input 'text', BYTES, shape [n] or [n, 1]. Image models: input 'image', UINT8"
                    + " or FP32 (whole numbers 0-255, white on black), shape [n, 28, 28], data flat row-major or"
                    + " nested. parameters.top_k adds the k most probable labels. Same limits, batching and"
                    + " results as /classify.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = V2Json.InferenceRequest.class),
                            examples = @ExampleObject(name = "texts", value = INFER_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The output tensors, flat row-major")
    @ApiResponse(
            responseCode = "400",
            description = "A bad tensor (name, datatype, shape, data), parameter or output",
            content = @Content(examples = @ExampleObject(value = ERROR_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such model, or a version that does not serve")
    @ApiResponse(responseCode = "413", description = "Body over rnn.limits.max-request-bytes")
    @ApiResponse(responseCode = "503", description = "The model's queue is full or the request ran past its deadline")
    @PostMapping(
            path = {"/v2/models/{name}/infer", "/v2/models/{name}/versions/{version}/infer"},
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<V2Json.InferenceResponse> infer(
            @PathVariable String name,
            @PathVariable(required = false) String version,
            @RequestBody V2Json.InferenceRequest request) {
        return deferred(inference.infer(name, version, request));
    }

    /** As /classify's controller does: the container's thread is free meanwhile; a gone client drops the work. */
    private static DeferredResult<V2Json.InferenceResponse> deferred(V2Inference.Pending pending) {
        return pending.answer().deferred(pending.shape());
    }
}
