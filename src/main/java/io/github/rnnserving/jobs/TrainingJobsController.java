package io.github.rnnserving.jobs;

import io.github.rnnserving.web.ProblemExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "training-jobs", description = "Train new model versions with BPTT, in a queue shared by every instance")
class TrainingJobsController {

    static final String SMALLEST_REQUEST = """
            {"model": "names-gru", "dataset": "names", "limit": 3000,
             "architecture": {"cell": "gru", "layers": 1, "hiddenSize": 32, "bidirectional": true},
             "training": {"epochs": 2, "batchSize": 64, "learningRate": 0.005}}""";

    private final TrainingJobService service;
    private final JobEventStreams events;

    TrainingJobsController(TrainingJobService service, JobEventStreams events) {
        this.service = service;
        this.events = events;
    }

    record Page(int page, int size, long total, List<TrainingJob> jobs) {}

    @Operation(
            summary = "Queue a training job (admin token)",
            description = "Every field but model and dataset has a default and a bound; a bad one is a 400 naming"
                    + " it. The job waits behind those submitted before; one job trains at a time per instance.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            examples = @ExampleObject(name = "smallest useful", value = SMALLEST_REQUEST)))
    @SecurityRequirement(name = "admin-token")
    @ApiResponse(responseCode = "202", description = "Queued; Location is the job")
    @ApiResponse(
            responseCode = "400",
            description = "A field out of bounds or unknown; `field` names it",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.BAD_JOB)))
    @ApiResponse(
            responseCode = "401",
            description = "No or wrong admin token",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.UNAUTHORIZED)))
    @ApiResponse(
            responseCode = "503",
            description = "The queue is full (rnn.jobs.max-queued)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.QUEUE_FULL)))
    @PostMapping(path = "/training-jobs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TrainingJob> submit(@Valid @RequestBody TrainingJobRequest request) {
        TrainingJob job = service.submit(request);
        return ResponseEntity.accepted()
                .location(URI.create("/training-jobs/" + job.id()))
                .body(job);
    }

    @Operation(summary = "Jobs, newest first")
    @GetMapping("/training-jobs")
    Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return new Page(page, size, service.count(), service.page(page, size));
    }

    @Operation(
            summary = "One job: state, epoch and step, samples/s, ETA, per-epoch history, test metrics, model version")
    @ApiResponse(
            responseCode = "404",
            description = "No such job",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            examples = @ExampleObject(value = ProblemExamples.JOB_NOT_FOUND)))
    @GetMapping("/training-jobs/{id}")
    TrainingJob get(@PathVariable String id) {
        return service.get(id);
    }

    @Operation(summary = "Server-sent events: the job after every change (event 'progress', id = revision), then 'end'")
    @GetMapping(path = "/training-jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        return events.open(service.get(id));
    }

    @Operation(summary = "Cancel (admin token): a queued job at once, a running one at its next step")
    @SecurityRequirement(name = "admin-token")
    @PostMapping("/training-jobs/{id}/cancel")
    TrainingJob cancel(@PathVariable String id) {
        return service.cancel(id);
    }
}
