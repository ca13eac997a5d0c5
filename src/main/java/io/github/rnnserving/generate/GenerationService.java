package io.github.rnnserving.generate;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.GenerationState;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.model.text.Vocabulary;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.serving.ModelQueue;
import io.github.rnnserving.serving.PendingAnswer;
import io.github.rnnserving.serving.RequestDeadline;
import io.github.rnnserving.serving.Submission;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Draws samples from a generator ({@code /generate}) and scores texts under one ({@code /score}).
 * Both run on the model version's generation queue in the serving engine, under the same
 * admission control (a full queue is a 503 at once) and request deadline as {@code /classify};
 * nothing here waits for a forward pass.
 */
@Service
class GenerationService {

    private final ModelRegistry registry;
    private final GenerationInputs inputs;
    private final MeterRegistry meters;

    GenerationService(ModelRegistry registry, RnnProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.registry = registry;
        this.inputs = new GenerationInputs(properties.limits());
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    /** A generation under way: its answer, and when its first pass answered (for a stream). */
    record Running(PendingAnswer<GenerateResponse> pending, CompletableFuture<Void> started) {}

    /**
     * Checks the request, queues its first pass and returns at once. Failing the pending answer
     * (the client went away, the container timed it out) stops the loop and drops its queued step.
     *
     * @param drawn told (sample, character) of each character as it is drawn
     * @throws io.github.rnnserving.web.InvalidInputException and the other problems when the request
     *     is refused before anything runs (bad input, unknown model, full queue)
     */
    Running generate(GenerateRequest request, boolean streaming, BiConsumer<Integer, String> drawn) {
        long begun = System.nanoTime();
        GenerationInputs.requireModelName(request.model());
        ServedModel model = registry.acquire(request.model());
        Generation generation;
        RequestDeadline deadline;
        GenerationInputs.Plan plan;
        try {
            GenerationInputs.requireGenerator(model, "POST /generate");
            plan = inputs.plan(model, request, streaming);
            ModelQueue queue = model.generationQueue();
            deadline = RequestDeadline.after(queue.settings().requestTimeout());
            generation = new Generation(queue, deadline, plan, vocabulary(model), drawn);
            generation.start(GenerationState.initial(model.manifest().architecture(), plan.condition()));
        } catch (RuntimeException e) {
            model.release();
            record("generate", request.model(), "error", begun);
            throw e;
        }
        CompletableFuture<GenerateResponse> response = new CompletableFuture<>();
        response.whenComplete((answer, failure) -> {
            if (failure != null) {
                generation.cancel(failure instanceof RuntimeException runtime ? runtime : new CancellationException());
            }
        });
        generation.result().whenComplete((samples, failure) -> {
            try {
                if (failure != null) {
                    response.completeExceptionally(failure);
                } else {
                    response.complete(new GenerateResponse(
                            request.model(), model.manifest().version(), plan.seed(), samples));
                }
            } finally {
                model.release();
                record("generate", request.model(), failure == null ? "success" : "error", begun);
            }
        });
        return new Running(new PendingAnswer<>(response, deadline), generation.started());
    }

    /**
     * Scores a text: one pass over the end token and the text gives every character's probability
     * given those before it, and the end's after the last.
     */
    PendingAnswer<ScoreResponse> score(ScoreRequest request) {
        long begun = System.nanoTime();
        GenerationInputs.requireModelName(request.model());
        ServedModel model = registry.acquire(request.model());
        Submission submission;
        RequestDeadline deadline;
        GenerationInputs.Scored scored;
        try {
            GenerationInputs.requireGenerator(model, "POST /score");
            scored = inputs.scored(model, request);
            ModelQueue queue = model.generationQueue();
            deadline = RequestDeadline.after(queue.settings().requestTimeout());
            long[] ids = new long[scored.ids().length + 1];
            ids[0] = Vocabulary.END_INDEX;
            System.arraycopy(scored.ids(), 0, ids, 1, scored.ids().length);
            float[] state = GenerationState.initial(model.manifest().architecture(), scored.condition());
            deadline.check();
            submission = queue.submit(
                    List.of(new EncodedInput.Continuation(new EncodedInput.TokenIds(ids), state)), deadline.endNanos());
        } catch (RuntimeException e) {
            model.release();
            record("score", request.model(), "error", begun);
            throw e;
        }
        CompletableFuture<ScoreResponse> response = new CompletableFuture<>();
        response.whenComplete((answer, failure) -> {
            if (failure != null) {
                submission.cancel(failure instanceof RuntimeException runtime ? runtime : new CancellationException());
            }
        });
        int size = vocabulary(model).size();
        submission.answer().whenComplete((rows, failure) -> {
            try {
                if (failure != null) {
                    response.completeExceptionally(failure);
                } else {
                    response.complete(scoreOf(request, model, scored, rows[0], size));
                }
            } catch (RuntimeException e) {
                response.completeExceptionally(e);
            } finally {
                model.release();
                record("score", request.model(), failure == null ? "success" : "error", begun);
            }
        });
        return new PendingAnswer<>(response, deadline);
    }

    /** Row: step-major log-probabilities, step {@code t} predicting the token after the t-th read. */
    private static ScoreResponse scoreOf(
            ScoreRequest request, ServedModel model, GenerationInputs.Scored scored, float[] row, int size) {
        long[] ids = scored.ids();
        List<ScoreResponse.CharacterProbability> characters = new ArrayList<>(ids.length);
        double logProbability = 0;
        for (int t = 0; t < ids.length; t++) {
            float logp = row[t * size + (int) ids[t]];
            logProbability += logp;
            characters.add(
                    new ScoreResponse.CharacterProbability(scored.characters().get(t), Math.exp(logp)));
        }
        float end = row[ids.length * size + Vocabulary.END_INDEX];
        logProbability += end;
        double bits = -logProbability / Math.log(2) / (ids.length + 1);
        return new ScoreResponse(
                request.model(), model.manifest().version(), logProbability, bits, characters, Math.exp(end));
    }

    private static Vocabulary vocabulary(ServedModel model) {
        return ((TextEncoder) model.encoder()).vocabulary();
    }

    private void record(String endpoint, String model, String outcome, long begun) {
        // only registered names become metric tags, so unknown names cannot flood the registry
        String tag = model != null && registry.names().contains(model) ? model : "unknown";
        Timer.builder("rnn." + endpoint)
                .description("POST /" + endpoint + " latency per model and outcome")
                .tags("model", tag, "outcome", outcome)
                .register(meters)
                .record(System.nanoTime() - begun, TimeUnit.NANOSECONDS);
    }
}
