package io.github.rnnserving.jobs;

import io.github.rnnserving.RnnProperties;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of job progress. The job's row is the source: each open stream reads it a
 * few times a second and sends it whenever its revision grew, so a client connected to any
 * instance sees every state change of a job trained on any other, in order, and the stream ends
 * with the job. The passes run on {@link JobEventsExecution}'s thread.
 */
@Component
class JobEventStreams implements DisposableBean {

    private static final Duration POLL = Duration.ofMillis(250);

    private final TrainingJobRepository jobs;
    private final long timeoutMillis;
    private final TaskScheduler poller;
    private final ScheduledFuture<?> polling;
    private final Map<SseEmitter, Stream> streams = new ConcurrentHashMap<>();

    JobEventStreams(
            TrainingJobRepository jobs,
            RnnProperties properties,
            @Qualifier(JobEventsExecution.BEAN) TaskScheduler poller) {
        this.jobs = jobs;
        this.timeoutMillis = properties.jobs().eventsTimeout().toMillis();
        this.poller = poller;
        this.polling =
                poller.scheduleWithFixedDelay(this::pollAll, Instant.now().plus(POLL), POLL);
    }

    SseEmitter open(TrainingJob job) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        Stream stream = new Stream(job.id());
        emitter.onCompletion(() -> streams.remove(emitter));
        emitter.onTimeout(() -> streams.remove(emitter));
        emitter.onError(error -> streams.remove(emitter));
        streams.put(emitter, stream);
        // the current state at once, so a client never waits for the first change
        poller.schedule(() -> poll(emitter, stream), Instant.now());
        return emitter;
    }

    private void pollAll() {
        streams.forEach(this::poll);
    }

    private synchronized void poll(SseEmitter emitter, Stream stream) {
        if (!streams.containsKey(emitter)) {
            return;
        }
        try {
            TrainingJob job = jobs.find(stream.id).orElse(null);
            if (job == null) {
                emitter.complete();
                streams.remove(emitter);
                return;
            }
            if (job.revision() > stream.lastRevision) {
                stream.lastRevision = job.revision();
                emitter.send(SseEmitter.event()
                        .id(Long.toString(job.revision()))
                        .name("progress")
                        .data(job));
            }
            if (job.state().isTerminal()) {
                emitter.send(SseEmitter.event().name("end").data(job.state().name()));
                emitter.complete();
                streams.remove(emitter);
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away
            streams.remove(emitter);
        } catch (RuntimeException e) {
            emitter.completeWithError(e);
            streams.remove(emitter);
        }
    }

    @Override
    public void destroy() {
        // the scheduler itself is Spring's to stop
        polling.cancel(false);
        streams.keySet().forEach(SseEmitter::complete);
        streams.clear();
    }

    private static final class Stream {
        private final String id;
        private long lastRevision;

        Stream(String id) {
            this.id = id;
        }
    }
}
