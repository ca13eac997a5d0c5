package io.github.rnnserving.generate;

import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.text.Vocabulary;
import io.github.rnnserving.serving.ModelQueue;
import io.github.rnnserving.serving.RequestDeadline;
import io.github.rnnserving.serving.Submission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One {@code /generate} request's sampling loop, run on the model's generation queue without a
 * thread of its own: each step's answer draws the next character of every live sample and queues
 * the next step, all samples in one submission so they share a forward pass (and requests of other
 * clients share it too). The first pass reads the end token (which starts every text, as in
 * training) and the prefix once; every sample goes on from its answer.
 *
 * <p>Each sample draws from its own stream, split in order from {@code SplittableRandom(seed)}, so
 * its characters depend on the seed and the model alone, never on how passes were batched.
 */
final class Generation {

    private final ModelQueue queue;
    private final RequestDeadline deadline;
    private final GenerationInputs.Plan plan;
    private final Vocabulary vocabulary;
    private final BiConsumer<Integer, String> drawn;
    private final Sample[] samples;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<List<GenerateResponse.Sample>> result = new CompletableFuture<>();
    private volatile Submission running;

    /**
     * @param drawn told (sample, character) of each character as it is drawn, on a forward worker
     */
    Generation(
            ModelQueue queue,
            RequestDeadline deadline,
            GenerationInputs.Plan plan,
            Vocabulary vocabulary,
            BiConsumer<Integer, String> drawn) {
        this.queue = queue;
        this.deadline = deadline;
        this.plan = plan;
        this.vocabulary = vocabulary;
        this.drawn = drawn;
        this.samples = new Sample[plan.count()];
        SplittableRandom root = new SplittableRandom(plan.seed());
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new Sample(
                    root.split(), String.join("", plan.prefix()), plan.prefix().size());
        }
    }

    /** Completes when the first pass (end token and prefix) has answered, before the first draw. */
    CompletableFuture<Void> started() {
        return started;
    }

    /** The samples, in draw order, once every one has ended or reached maxLength. */
    CompletableFuture<List<GenerateResponse.Sample>> result() {
        return result;
    }

    /**
     * Queues the first pass from {@code state} (the condition, zeros elsewhere).
     *
     * @throws io.github.rnnserving.web.ServiceBusyException when the queue is full or the deadline
     *     passed: refused before anything ran
     */
    void start(float[] state) {
        long[] first = new long[plan.prefixIds().length + 1];
        first[0] = Vocabulary.END_INDEX;
        System.arraycopy(plan.prefixIds(), 0, first, 1, plan.prefixIds().length);
        deadline.check();
        int[] all = new int[samples.length];
        Arrays.setAll(all, i -> i);
        submit(List.of(new EncodedInput.Continuation(new EncodedInput.TokenIds(first), state)), all);
    }

    /** Stops the loop: the step in the queue is dropped and the result fails with {@code reason}. */
    void cancel(RuntimeException reason) {
        started.completeExceptionally(reason);
        if (result.completeExceptionally(reason)) {
            Submission submission = running;
            if (submission != null) {
                submission.cancel(reason);
            }
        }
    }

    /**
     * Queues one step; {@code owners[k]} is the sample continuation {@code k} answers (the first
     * pass has one continuation for all samples).
     */
    private void submit(List<EncodedInput> continuations, int[] owners) {
        Submission submission = queue.submit(continuations, deadline.endNanos());
        running = submission;
        if (result.isDone()) {
            // cancelled while this step was being queued
            submission.cancel(new IllegalStateException("the request ended"));
            return;
        }
        int steps = continuations.get(0).length();
        submission.answer().whenComplete((rows, failure) -> {
            if (failure != null) {
                started.completeExceptionally(failure);
                result.completeExceptionally(failure);
                return;
            }
            try {
                started.complete(null);
                step(rows, owners, steps);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /** Draws one character for each owner from its row's last step, then queues the live ones. */
    private void step(float[][] rows, int[] owners, int steps) {
        if (result.isDone()) {
            return;
        }
        int size = vocabulary.size();
        int offset = (steps - 1) * size;
        List<EncodedInput> next = new ArrayList<>(owners.length);
        List<Integer> live = new ArrayList<>(owners.length);
        for (int k = 0; k < owners.length; k++) {
            int index = owners[k];
            // the first pass answers every sample with its one row
            float[] row = rows[rows.length == 1 ? 0 : k];
            Sample sample = samples[index];
            int token = plan.sampler().draw(row, offset, size, sample.random);
            sample.logProbability += row[offset + token];
            if (token == Vocabulary.END_INDEX) {
                sample.ended = true;
                continue;
            }
            String character = vocabulary.tokenAt(token);
            sample.text.append(character);
            sample.length++;
            drawn.accept(index, character);
            if (sample.length < plan.maxLength()) {
                float[] state = Arrays.copyOfRange(row, steps * size, row.length);
                next.add(new EncodedInput.Continuation(new EncodedInput.TokenIds(new long[] {token}), state));
                live.add(index);
            }
        }
        if (next.isEmpty()) {
            List<GenerateResponse.Sample> answer = new ArrayList<>(samples.length);
            for (Sample sample : samples) {
                answer.add(new GenerateResponse.Sample(sample.text.toString(), sample.logProbability, sample.ended));
            }
            result.complete(answer);
            return;
        }
        deadline.check();
        submit(next, live.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A sample being drawn; only the step that holds its row touches it. */
    private static final class Sample {
        private final SplittableRandom random;
        private final StringBuilder text;
        private int length;
        private double logProbability;
        private boolean ended;

        Sample(SplittableRandom random, String prefix, int length) {
            this.random = random;
            this.text = new StringBuilder(prefix);
            this.length = length;
        }
    }
}
