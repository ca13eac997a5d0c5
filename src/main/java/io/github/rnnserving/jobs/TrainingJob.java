package io.github.rnnserving.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A training job as stored and as shown by {@code GET /training-jobs/{id}}. {@code revision}
 * grows with every change, so event streams and pollers see each update once and in order.
 *
 * @param attempts how often the job started (a restart after a crash counts again)
 * @param ranBy the scheduler instance that ran it last
 * @param modelVersion the version the job wrote, once it succeeded
 * @param failure why it failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJob(
        String id,
        String model,
        JobState state,
        TrainingJobRequest request,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        long revision,
        int attempts,
        String ranBy,
        boolean cancelRequested,
        JobProgress progress,
        JobResult result,
        String modelVersion,
        String failure) {}
