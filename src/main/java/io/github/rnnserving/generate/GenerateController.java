package io.github.rnnserving.generate;

import io.github.rnnserving.web.ProblemExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@Tag(name = "generate", description = "Sample texts from a character language model, and score texts under one")
class GenerateController {

    private final GenerationService service;
    private final GenerationStreams streams;

    GenerateController(GenerationService service, GenerationStreams streams) {
        this.service = service;
        this.streams = streams;
    }

    @Operation(
            summary = "Draw samples from a generator",
            description =
                    "Every sample starts with the prefix and goes on one character at a time until the model draws"
                            + " the end of the text or the sample has maxLength characters (prefix included). temperature 0 is"
                            + " greedy; otherwise softmax(log p / temperature), cut to topK, then to the nucleus topP. The same"
                            + " seed gives the same samples from the same model version. logProbability is the natural log of"
                            + " the probability the model, at temperature 1, gives the drawn characters and the end. With"
                            + " Accept: text/event-stream (and count 1) each character is an event as it is drawn, then a"
                            + " 'done' event holds the answer. See docs/GENERATION.md.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = GenerateRequest.class),
                            examples = {
                                @ExampleObject(
                                        name = "samples",
                                        summary = "Three Japanese names",
                                        value = GenerateExamples.SAMPLES),
                                @ExampleObject(
                                        name = "prefix",
                                        summary = "Russian names starting with Iv, from the 5 likeliest characters",
                                        value = GenerateExamples.PREFIX),
                                @ExampleObject(
                                        name = "greedy",
                                        summary = "The most probable Italian name, character by character",
                                        value = GenerateExamples.GREEDY),
                                @ExampleObject(
                                        name = "nucleus",
                                        summary = "German names from the top 90% of each distribution",
                                        value = GenerateExamples.NUCLEUS)
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "The samples (application/json), or the characters as server-sent events (text/event-stream)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = GenerateResponse.class),
                        examples = @ExampleObject(value = GenerateExamples.ANSWER)),
                @Content(
                        mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                        examples = @ExampleObject(value = GenerateExamples.STREAM))
            })
    @ApiResponse(
            responseCode = "400",
            description =
                    "Invalid input; `field` names it: a classifier, a missing or unknown condition, characters the"
                            + " model never saw, count, maxLength, temperature, topK or topP out of range",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = {
                                @ExampleObject(name = "unknown condition", value = GenerateExamples.UNKNOWN_CONDITION),
                                @ExampleObject(
                                        name = "unknown characters",
                                        value = GenerateExamples.UNKNOWN_CHARACTERS),
                                @ExampleObject(
                                        name = "count over the limit",
                                        value = GenerateExamples.COUNT_OVER_LIMIT),
                                @ExampleObject(name = "a classifier", value = GenerateExamples.CLASSIFIER),
                                @ExampleObject(name = "not JSON", value = ProblemExamples.UNREADABLE_BODY)
                            }))
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = GenerateExamples.MODEL_NOT_FOUND)))
    @ApiResponse(
            responseCode = "503",
            description = "The model's queue is full (answered at once) or the request ran past its deadline"
                    + " (rnn.limits.request-timeout); retry after the Retry-After seconds",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = GenerateExamples.BUSY)))
    @PostMapping(
            path = "/generate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    DeferredResult<Object> generate(
            @Valid @RequestBody GenerateRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (wantsEvents(accept)) {
            return streams.stream(drawn -> service.generate(request, true, drawn));
        }
        return service.generate(request, false, (sample, character) -> {})
                .pending()
                .deferred(Function.identity());
    }

    @Operation(
            summary = "Score a text under a generator",
            description =
                    "The probability of each character given those before it (and the condition), then of the end"
                            + " of the text; logProbability (natural log) and bits per character cover the characters and the end.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ScoreRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "score",
                                            summary = "How Russian does Ivanov look?",
                                            value = GenerateExamples.SCORE)))
    @ApiResponse(
            responseCode = "200",
            description = "Each character's probability, the end's, and their total",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ScoreResponse.class),
                            examples = @ExampleObject(value = GenerateExamples.SCORE_ANSWER)))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid input; `field` names it: a classifier, a missing or unknown condition, a text with"
                    + " characters the model never saw, or over rnn.limits.max-text-length",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = {
                                @ExampleObject(
                                        name = "unknown characters",
                                        value = GenerateExamples.SCORE_UNKNOWN_CHARACTERS),
                                @ExampleObject(name = "unknown condition", value = GenerateExamples.UNKNOWN_CONDITION),
                                @ExampleObject(name = "a classifier", value = GenerateExamples.CLASSIFIER)
                            }))
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = GenerateExamples.MODEL_NOT_FOUND)))
    @ApiResponse(
            responseCode = "503",
            description = "The model's queue is full or the request ran past its deadline; retry after Retry-After",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = GenerateExamples.BUSY)))
    @PostMapping(
            path = "/score",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<ScoreResponse> score(@Valid @RequestBody ScoreRequest request) {
        return service.score(request).deferred(Function.identity());
    }

    /** Only an Accept header that names text/event-stream itself asks for events; wildcards get JSON. */
    private static boolean wantsEvents(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
