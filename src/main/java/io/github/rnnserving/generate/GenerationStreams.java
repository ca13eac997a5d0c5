package io.github.rnnserving.generate;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /generate} as server-sent events: a {@code character} event for each character as it is
 * drawn, then a {@code done} event holding the whole answer (as the JSON form gives it). The
 * stream opens only once the first forward pass has answered, so everything refused before (bad
 * input, a full queue, the deadline) is an ordinary problem answer; a failure after is an {@code
 * error} event with the problem's fields, and the stream ends.
 *
 * <p>Events are written on this class's threads, in order per stream, never on a forward worker:
 * a slow client must not hold up the passes of everyone else.
 */
@Component
class GenerationStreams implements DisposableBean {

    /** The container's own timeout backs up the request's deadline by this much. */
    private static final long GRACE_MILLIS = 1000;

    private final ThreadPoolExecutor writers;

    GenerationStreams() {
        AtomicInteger count = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "generate-sse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        writers.allowCoreThreadTimeOut(true);
    }

    /** The event of one drawn character. */
    record Drawn(String character) {}

    /** Streams one generation; {@code generate} starts it, given the listener of drawn characters. */
    DeferredResult<Object> stream(Starter generate) {
        Stream stream = new Stream();
        GenerationService.Running running = generate.start((sample, character) -> stream.send(
                SseEmitter.event().name("character").data(new Drawn(character), MediaType.APPLICATION_JSON)));
        long timeout = running.pending().deadline().remainingMillis() + GRACE_MILLIS;
        SseEmitter emitter = new SseEmitter(timeout);
        stream.open(emitter);
        CompletableFuture<GenerateResponse> answer = running.pending().answer();
        Runnable gone = () -> answer.completeExceptionally(new CancellationException("the client went away"));
        emitter.onError(failure -> gone.run());
        emitter.onTimeout(gone);
        answer.whenComplete((response, failure) -> {
            if (failure == null) {
                stream.send(SseEmitter.event().name("done").data(response, MediaType.APPLICATION_JSON));
                stream.then(emitter::complete);
            } else if (running.started().isDone() && !running.started().isCompletedExceptionally()) {
                stream.send(SseEmitter.event().name("error").data(problem(failure), MediaType.APPLICATION_JSON));
                stream.then(emitter::complete);
            }
        });
        DeferredResult<Object> result = new DeferredResult<>(timeout);
        running.started().whenComplete((ignored, failure) -> {
            if (failure == null) {
                result.setResult(emitter);
            } else {
                result.setErrorResult(unwrapped(failure));
            }
        });
        result.onTimeout(() -> {
            RuntimeException expired = running.pending().deadline().expired();
            answer.completeExceptionally(expired);
            result.setErrorResult(expired);
        });
        return result;
    }

    /** Starts a generation that tells {@code drawn} of each character. */
    interface Starter {
        GenerationService.Running start(BiConsumer<Integer, String> drawn);
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause()
                : failure;
    }

    /** The problem's public fields; anything that is not a problem of the service's is a 500. */
    private static Map<String, Object> problem(Throwable failure) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (unwrapped(failure) instanceof ErrorResponse error) {
            ProblemDetail body = error.getBody();
            fields.put("type", String.valueOf(body.getType()));
            fields.put("title", body.getTitle());
            fields.put("status", body.getStatus());
            fields.put("detail", body.getDetail());
        } else {
            fields.put("type", "/problems/internal");
            fields.put("title", "Internal Server Error");
            fields.put("status", 500);
            fields.put("detail", "generation failed");
        }
        return fields;
    }

    /** One stream's events, written in order on the writers' threads. */
    private final class Stream {
        /** Characters may be drawn before the emitter exists: their writes wait for it. */
        private final CompletableFuture<Void> opened = new CompletableFuture<>();

        private CompletableFuture<Void> tail = opened;
        private volatile SseEmitter emitter;

        void open(SseEmitter emitter) {
            this.emitter = emitter;
            opened.complete(null);
        }

        void send(SseEmitter.SseEventBuilder event) {
            then(() -> {
                try {
                    emitter.send(event);
                } catch (IOException | IllegalStateException e) {
                    // the client went away: the emitter's error callback stops the generation
                }
            });
        }

        synchronized void then(Runnable write) {
            tail = tail.thenRunAsync(write, writers);
        }
    }

    @Override
    public void destroy() {
        writers.shutdownNow();
    }
}
