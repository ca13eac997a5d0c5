package io.github.rnnserving.serving;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request's sequences in a model's queue: its answer completes when the last of them has run,
 * in the order they were given, or fails once (deadline, cancellation, a failed forward pass).
 * Cancelling it (the client went away, its deadline passed) takes its waiting sequences out of the
 * queue, so they cost no forward pass.
 */
public final class Submission {

    private final Sequences inputs;
    private final long deadlineNanos;
    private final float[][] answers;
    private final AtomicInteger left;
    private final CompletableFuture<float[][]> answer = new CompletableFuture<>();
    private final ModelQueue queue;

    Submission(ModelQueue queue, Sequences inputs, long deadlineNanos) {
        this.queue = queue;
        this.inputs = inputs;
        this.deadlineNanos = deadlineNanos;
        this.answers = new float[inputs.size()][];
        this.left = new AtomicInteger(inputs.size());
    }

    /** Class probabilities per sequence, in input order. */
    public CompletableFuture<float[][]> answer() {
        return answer;
    }

    /** Drops the sequences still waiting; the answer fails with {@code reason}. */
    public void cancel(RuntimeException reason) {
        if (answer.completeExceptionally(reason)) {
            queue.withdraw(this);
        }
    }

    Sequences inputs() {
        return inputs;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    boolean isDone() {
        return answer.isDone();
    }

    void answer(int index, float[] probabilities) {
        answers[index] = probabilities;
        if (left.decrementAndGet() == 0) {
            answer.complete(answers);
        }
    }

    void fail(RuntimeException reason) {
        answer.completeExceptionally(reason);
    }
}
