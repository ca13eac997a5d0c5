package io.github.rnnserving.classify;

import static io.github.rnnserving.classify.ClassifyExamples.ANSWER;
import static io.github.rnnserving.classify.ClassifyExamples.BATCH_ANSWER;
import static io.github.rnnserving.classify.ClassifyExamples.EXPLAIN_ANSWER;

import io.github.rnnserving.serving.PendingAnswer;
import io.github.rnnserving.web.ProblemExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "classify", description = "Classify texts and 28×28 images")
class ClassifyController {

    private final ClassificationService service;

    ClassifyController(ClassificationService service) {
        this.service = service;
    }

    @Operation(
            summary = "Classify one input or a batch",
            description = "Text models take text or texts; image models take image, images (28 rows of 28"
                    + " integers 0-255, white on black) or imageBase64 (PNG/JPEG, fitted to 28×28 as MNIST was"
                    + " made). topK limits the labels; explain adds the answer after every step.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ClassifyRequest.class),
                            examples = {
                                @ExampleObject(name = "text", summary = "One text", value = ClassifyExamples.TEXT),
                                @ExampleObject(
                                        name = "texts",
                                        summary = "A batch of texts",
                                        value = ClassifyExamples.TEXTS),
                                @ExampleObject(
                                        name = "explain",
                                        summary = "One text, with the answer after each character",
                                        value = ClassifyExamples.TEXT_EXPLAIN),
                                @ExampleObject(
                                        name = "image",
                                        summary = "One image: 28 rows of 28 pixels 0-255, white on black",
                                        value = ClassifyExamples.IMAGE),
                                @ExampleObject(
                                        name = "images",
                                        summary = "A batch of images",
                                        value = ClassifyExamples.IMAGES),
                                @ExampleObject(
                                        name = "imageBase64",
                                        summary = "A PNG or JPEG, any size, fitted to 28×28",
                                        value = ClassifyExamples.IMAGE_BASE64)
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "Labels, most probable first; for a batch, results in input order",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ClassifyResponse.class),
                            examples = {
                                @ExampleObject(name = "one input", value = ANSWER),
                                @ExampleObject(name = "batch", value = BATCH_ANSWER),
                                @ExampleObject(name = "explain", value = EXPLAIN_ANSWER)
                            }))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid input; `field` names the part of the request at fault",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = {
                                @ExampleObject(name = "text too long", value = ProblemExamples.TEXT_TOO_LONG),
                                @ExampleObject(
                                        name = "text to an image model",
                                        value = ProblemExamples.WRONG_INPUT_KIND),
                                @ExampleObject(name = "pixel out of range", value = ProblemExamples.PIXEL_OUT_OF_RANGE),
                                @ExampleObject(name = "not JSON", value = ProblemExamples.UNREADABLE_BODY),
                                @ExampleObject(
                                        name = "uploaded file is no image",
                                        value = ProblemExamples.UNDECODABLE_IMAGE)
                            }))
    @ApiResponse(
            responseCode = "404",
            description = "No such model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.MODEL_NOT_FOUND)))
    @ApiResponse(
            responseCode = "413",
            description = "Body over rnn.limits.max-request-bytes",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.TOO_LARGE)))
    @ApiResponse(
            responseCode = "415",
            description = "Neither application/json nor multipart/form-data",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.UNSUPPORTED_MEDIA_TYPE)))
    @ApiResponse(
            responseCode = "503",
            description = "The model's queue is full (rnn.serving.queue-capacity; answered at once), the"
                    + " request ran past its deadline (rnn.limits.request-timeout or the model's serving.json), or"
                    + " concurrent image decodes filled rnn.limits.max-decode-bytes past rnn.limits.decode-wait;"
                    + " retry after the Retry-After seconds",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.BUSY)))
    @PostMapping(
            path = "/classify",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<ClassifyResponse> classify(@Valid @RequestBody ClassifyRequest request) {
        return deferred(service.classify(request));
    }

    @Operation(
            summary = "Classify an uploaded image file (multipart/form-data)",
            description =
                    "curl -F model=mnist -F file=@digit.png [-F polarity=dark-on-light] http://localhost:8080/classify."
                            + " Springdoc shows this and the JSON form as one operation; the responses listed there hold"
                            + " for both, and an undecodable file is a 400 naming `file`.")
    // springdoc merges both /classify methods into one operation; without its own 200 this
    // method's generated one would replace the examples above
    @ApiResponse(
            responseCode = "200",
            description = "Labels, most probable first; for a batch, results in input order",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ClassifyResponse.class),
                            examples = {
                                @ExampleObject(name = "one input", value = ANSWER),
                                @ExampleObject(name = "batch", value = BATCH_ANSWER),
                                @ExampleObject(name = "explain", value = EXPLAIN_ANSWER)
                            }))
    @PostMapping(
            path = "/classify",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DeferredResult<ClassifyResponse> classifyUpload(
            @RequestParam("model") String model,
            @RequestPart("file") MultipartFile file,
            @RequestParam(name = "polarity", required = false) String polarity,
            @RequestParam(name = "topK", required = false) @Min(1) Integer topK,
            @RequestParam(name = "explain", required = false) Boolean explain)
            throws IOException {
        return deferred(service.classifyUpload(model, file.getBytes(), polarity, topK, explain));
    }

    private static DeferredResult<ClassifyResponse> deferred(PendingAnswer<ClassifyResponse> pending) {
        return pending.deferred(Function.identity());
    }
}
