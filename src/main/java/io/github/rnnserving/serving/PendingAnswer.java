package io.github.rnnserving.serving;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A queued request's answer. Completing it exceptionally (a client gone, a container timeout)
 * drops the request's sequences that have not run.
 *
 * @param answer completes when the request's sequences have run
 * @param deadline the request's end: the engine drops work past it, this is for the container's
 *     own timeout, which must not come first
 * @param <A> what the request answers
 */
public record PendingAnswer<A>(CompletableFuture<A> answer, RequestDeadline deadline) {

    /** The container's own timeout backs up the engine's deadline by this much. */
    private static final long CONTAINER_TIMEOUT_GRACE_MILLIS = 1000;

    /**
     * Hands the queued answer to the container, which frees the request's thread meanwhile. A client
     * that disconnects (the container reports an error) drops the request's work still queued; the
     * container's timeout, a second past the request's deadline, only backs up the engine's. {@code
     * shape} makes the endpoint's body of the answer; what it throws answers the request instead.
     */
    public <T> DeferredResult<T> deferred(Function<? super A, ? extends T> shape) {
        DeferredResult<T> result = new DeferredResult<>(deadline.remainingMillis() + CONTAINER_TIMEOUT_GRACE_MILLIS);
        result.onTimeout(() -> {
            RuntimeException expired = deadline.expired();
            answer.completeExceptionally(expired);
            result.setErrorResult(expired);
        });
        result.onError(failure -> answer.completeExceptionally(new CancellationException("the client went away")));
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                result.setErrorResult(
                        failure instanceof CompletionException wrapped && wrapped.getCause() != null
                                ? wrapped.getCause()
                                : failure);
                return;
            }
            try {
                result.setResult(shape.apply(response));
            } catch (RuntimeException e) {
                result.setErrorResult(e);
            }
        });
        return result;
    }
}
