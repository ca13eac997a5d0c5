package io.github.rnnserving.session;

import io.github.rnnserving.web.ProblemExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@Tag(
        name = "sessions",
        description = "Streaming sessions: feed a sequence in pieces to a one-way model, its hidden state kept"
                + " between requests")
class SessionsController {

    private final SessionService service;

    SessionsController(SessionService service) {
        this.service = service;
    }

    @Operation(
            summary = "Open a streaming session",
            description = "Pins the model's serving version (or `version`), or goes on where `state` (from an"
                    + " earlier step's answer, on any replica sharing rnn.sessions.key) left off. Only one-way models"
                    + " whose summary is their last state can stream.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = SessionRequests.Open.class),
                            examples = {
                                @ExampleObject(
                                        name = "text",
                                        summary = "A names session",
                                        value = SessionExamples.OPEN),
                                @ExampleObject(
                                        name = "image",
                                        summary = "An image session, read row by row",
                                        value = SessionExamples.OPEN_IMAGE),
                                @ExampleObject(
                                        name = "from state",
                                        summary = "Go on from an answer's state, on any replica",
                                        value = SessionExamples.OPEN_FROM_STATE)
                            }))
    @ApiResponse(
            responseCode = "201",
            description = "Opened; Location is the session",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = SessionResponses.Session.class),
                            examples = @ExampleObject(value = SessionExamples.SESSION)))
    @ApiResponse(
            responseCode = "400",
            description = "No model, or a state that is forged, altered, or of another model or version",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.BAD_STATE)))
    @ApiResponse(
            responseCode = "404",
            description = "No such model or version",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.MODEL_NOT_FOUND)))
    @ApiResponse(
            responseCode = "409",
            description = "The model cannot stream (bidirectional, a summary over all steps, imported TorchScript),"
                    + " or the state's version was deleted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.NOT_STREAMABLE)))
    @ApiResponse(
            responseCode = "503",
            description = "rnn.sessions.max-active sessions are open; retry after Retry-After",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.TOO_MANY)))
    @PostMapping(
            path = "/sessions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionResponses.Session> open(@Valid @RequestBody SessionRequests.Open request) {
        SessionResponses.Session session = service.open(request);
        return ResponseEntity.created(URI.create("/sessions/" + session.id())).body(session);
    }

    @Operation(
            summary = "Read the next piece",
            description = "Text models take `text` (split anywhere between characters for character models, only at"
                    + " spaces for word models); image models take `rows`, until the model's row count. The answer is the"
                    + " model's as if the sequence ended here, with a `state` token to go on from on any replica.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = SessionRequests.Step.class),
                            examples = {
                                @ExampleObject(
                                        name = "text",
                                        summary = "The next characters",
                                        value = SessionExamples.STEP_TEXT),
                                @ExampleObject(
                                        name = "rows",
                                        summary = "The next image rows",
                                        value = SessionExamples.STEP_ROWS)
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "The answer after this piece",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = SessionResponses.Step.class),
                            examples = @ExampleObject(value = SessionExamples.STEP_ANSWER)))
    @ApiResponse(
            responseCode = "400",
            description = "A bad piece, one past the session's length, or a split the tokenizer cannot make exactly;"
                    + " `field` names it",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.PIECE_TOO_LONG)))
    @ApiResponse(
            responseCode = "404",
            description = "No open session of this id (expired, deleted, or on another instance)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.SESSION_GONE)))
    @ApiResponse(
            responseCode = "409",
            description = "A step of this session is still running, or its version was deleted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.STEP_RUNNING)))
    @ApiResponse(
            responseCode = "503",
            description = "The model's queue is full or the step ran past its deadline; the session is where it was",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.BUSY)))
    @PostMapping(
            path = "/sessions/{id}/steps",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<SessionResponses.Step> step(
            @PathVariable("id") String id, @Valid @RequestBody SessionRequests.Step request) {
        return service.step(id, request).deferred(Function.identity());
    }

    @Operation(summary = "A session: its model, version, steps read and expiry")
    @ApiResponse(
            responseCode = "404",
            description = "No open session of this id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.SESSION_GONE)))
    @GetMapping(path = "/sessions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    SessionResponses.Session get(@PathVariable("id") String id) {
        return service.get(id);
    }

    @Operation(summary = "End a session and free its state")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ApiResponse(
            responseCode = "404",
            description = "No open session of this id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = SessionExamples.SESSION_GONE)))
    @DeleteMapping(path = "/sessions/{id}")
    ResponseEntity<Void> delete(@PathVariable("id") String id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }
}
