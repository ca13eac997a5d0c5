package io.github.rnnserving.classify;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.Probabilities;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.serving.ModelQueue;
import io.github.rnnserving.serving.PendingAnswer;
import io.github.rnnserving.serving.RequestDeadline;
import io.github.rnnserving.serving.Submission;
import io.github.rnnserving.web.InvalidInputException;
import io.github.rnnserving.web.TopK;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Checks a request against its model ({@link RequestInputs} turns its fields into inputs), queues
 * its sequences in the model's serving queue and shapes the answer when the batcher has run them.
 * Nothing here waits: the answer is a future the controller hands to the servlet container.
 */
@Service
public class ClassificationService {

    static final String BIDIRECTIONAL_STEPS =
            "each step is the answer for the input cut after that step, read as a whole sequence:"
                    + " both directions of this bidirectional model see only that prefix";
    static final String OPAQUE_STEPS =
            "each step is the answer for the input cut after that step, read as a whole sequence"
                    + " (an imported TorchScript module: its directions are not known here)";
    static final String UNIDIRECTIONAL_STEPS =
            "each step is the answer the network gives after reading the input up to that step";

    private final ModelRegistry registry;
    private final RnnProperties.Limits limits;
    private final RequestInputs requestInputs;
    private final MeterRegistry meters;

    public ClassificationService(
            ModelRegistry registry, RnnProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.registry = registry;
        this.limits = properties.limits();
        // one budget for the whole service: it bounds the memory of all concurrent decodes together
        this.requestInputs = new RequestInputs(
                limits,
                new ImagePreprocessor(new BoundedImageDecoder(
                        limits.maxImagePixels(),
                        new DecodeBudget(
                                limits.maxDecodeBytes().toBytes(), limits.concurrentDecodes(), limits.decodeWait()))));
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    /**
     * Decodes and queues the request; the answer completes when its sequences have run. Failing
     * the returned future (the client went away, the container timed it out) drops the request's
     * sequences that have not run yet.
     *
     * @throws InvalidInputException and the other problem exceptions when the request is refused
     *     before it is queued (bad input, unknown model, queue full)
     */
    public PendingAnswer<ClassifyResponse> classify(ClassifyRequest request) {
        return classify(request, null);
    }

    /**
     * The same, on {@code version} of the model, which must be the serving one (checked when the
     * model is acquired, so a promotion in between cannot answer from another version).
     */
    public PendingAnswer<ClassifyResponse> classify(ClassifyRequest request, String version) {
        long started = System.nanoTime();
        if (request.model() == null || request.model().isBlank()) {
            record("unknown", "error", started);
            throw new InvalidInputException("model", "model is required: the name of a model from GET /models");
        }
        ServedModel model;
        try {
            model = registry.acquire(request.model(), version);
        } catch (RuntimeException e) {
            record("unknown", "error", started);
            throw e;
        }
        Queued queued;
        try {
            requireClassifier(model);
            queued = queue(model, request);
        } catch (RuntimeException e) {
            model.release();
            record(request.model(), "error", started);
            throw e;
        }
        CompletableFuture<ClassifyResponse> response = new CompletableFuture<>();
        response.whenComplete((answer, failure) -> {
            if (failure != null) {
                queued.submission()
                        .cancel(failure instanceof RuntimeException runtime ? runtime : new CancellationException());
            }
        });
        queued.submission().answer().whenComplete((probabilities, failure) -> {
            try {
                if (failure != null) {
                    response.completeExceptionally(failure);
                } else {
                    response.complete(queued.answer(request, model, probabilities));
                }
            } catch (RuntimeException e) {
                response.completeExceptionally(e);
            } finally {
                model.release();
                record(request.model(), failure == null ? "success" : "error", started);
            }
        });
        return new PendingAnswer<>(response, queued.deadline());
    }

    /** A request in its model's queue, and what its answer needs to be shaped. */
    private record Queued(
            Submission submission,
            RequestDeadline deadline,
            List<ClassifyInput> inputs,
            int topK,
            boolean explain,
            boolean batch) {

        ClassifyResponse answer(ClassifyRequest request, ServedModel model, float[][] probabilities) {
            List<String> labels = model.manifest().labels();
            List<ClassifyResponse.Result> results = new ArrayList<>(inputs.size());
            // the inputs' own answers come first, then each explained input's prefixes in order
            int prefix = inputs.size();
            for (int i = 0; i < inputs.size(); i++) {
                List<ClassifyResponse.Step> steps = null;
                if (explain) {
                    ClassifyInput input = inputs.get(i);
                    steps = new ArrayList<>(input.length());
                    for (int k = 1; k <= input.length(); k++) {
                        float[] atStep = probabilities[prefix++];
                        int best = Probabilities.argMax(atStep);
                        steps.add(new ClassifyResponse.Step(
                                k, input.stepLabel(k), labels.get(best), atStep[best], top(atStep, labels, topK)));
                    }
                }
                results.add(new ClassifyResponse.Result(top(probabilities[i], labels, topK), steps));
            }
            String version = model.manifest().version();
            String stepsExplained = explain ? stepsExplained(model) : null;
            if (batch) {
                return new ClassifyResponse(request.model(), version, null, null, stepsExplained, results);
            }
            ClassifyResponse.Result only = results.get(0);
            return new ClassifyResponse(
                    request.model(), version, only.predictions(), only.steps(), stepsExplained, null);
        }
    }

    private Queued queue(ServedModel model, ClassifyRequest request) {
        ModelQueue queue = model.queue();
        RequestDeadline deadline = RequestDeadline.after(queue.settings().requestTimeout());
        try (ModelQueue.Arrival arrival = queue.arriving()) {
            List<ClassifyInput> inputs = requestInputs.inputs(model, request);
            int topK = TopK.of(request.topK(), model.manifest().labels().size());
            boolean explain = Boolean.TRUE.equals(request.explain());
            if (explain) {
                inputs.forEach(input -> requireExplainable(input, "explain"));
                requireExplainWork(inputs);
            }
            // every prefix of every input rides the batcher: exact, since padding never reaches a real step
            ExplainedSequences sequences = new ExplainedSequences(inputs, explain);
            deadline.check();
            Submission submission = queue.submit(sequences, deadline.endNanos(), arrival);
            return new Queued(
                    submission, deadline, inputs, topK, explain, request.texts() != null || request.images() != null);
        }
    }

    /** A generator sent here: the client wants the endpoints that sample and score. */
    static void requireClassifier(ServedModel model) {
        if (model.isGenerator()) {
            throw new InvalidInputException(
                    "model",
                    "model '" + model.manifest().name() + "' generates text rather than classifying it: sample it with"
                            + " POST /generate, or score a text with POST /score");
        }
    }

    private void record(String model, String outcome, long started) {
        // only registered names become metric tags, so unknown names cannot flood the registry
        String tag = model != null && registry.names().contains(model) ? model : "unknown";
        Timer.builder("rnn.classify")
                .description("POST /classify latency per model and outcome")
                .tags("model", tag, "outcome", outcome)
                .publishPercentileHistogram()
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** An uploaded image file (multipart), as {@code imageBase64} would be. */
    public PendingAnswer<ClassifyResponse> classifyUpload(
            String model, byte[] file, String polarity, Integer topK, Boolean explain) {
        if (file == null || file.length == 0) {
            throw new InvalidInputException("file", "file is required: a PNG or JPEG image");
        }
        try {
            return classify(new ClassifyRequest(
                    model, null, null, null, null, Base64.getEncoder().encodeToString(file), polarity, topK, explain));
        } catch (InvalidInputException e) {
            if ("imageBase64".equals(e.field())) {
                // the user sent a file part, not JSON: name what they sent
                throw new InvalidInputException("file", e.getMessage().replace("imageBase64", "file"));
            }
            throw e;
        }
    }

    private static String stepsExplained(ServedModel model) {
        Architecture architecture = model.manifest().architecture();
        if (architecture == null) {
            return OPAQUE_STEPS;
        }
        return architecture.bidirectional() ? BIDIRECTIONAL_STEPS : UNIDIRECTIONAL_STEPS;
    }

    private void requireExplainable(ClassifyInput input, String field) {
        int length = input.length();
        if (length > limits.maxExplainSteps()) {
            throw new InvalidInputException(
                    field, "explain shows at most " + limits.maxExplainSteps() + " steps; this input has " + length);
        }
    }

    /**
     * Explain runs the model on every prefix of every input, so an input of L steps costs
     * L(L+1)/2 recurrent steps: the cost grows with the square of the length, and a budget on the
     * plain step count would let a few long texts take many seconds.
     */
    private void requireExplainWork(List<ClassifyInput> inputs) {
        long work = 0;
        for (ClassifyInput input : inputs) {
            long length = input.length();
            work += length * (length + 1) / 2;
        }
        if (work > limits.maxExplainWork()) {
            throw new InvalidInputException(
                    "explain",
                    "explain runs the model on every prefix of every input"
                            + " (an input of L steps costs L(L+1)/2 recurrent steps): this request costs " + work
                            + ", at most " + limits.maxExplainWork() + " is allowed; explain fewer or shorter inputs");
        }
    }

    private static List<ClassifyResponse.Prediction> top(float[] probabilities, List<String> labels, int k) {
        List<ClassifyResponse.Prediction> predictions = new ArrayList<>(k);
        for (int index : Probabilities.ranked(probabilities, probabilities.length, k)) {
            predictions.add(new ClassifyResponse.Prediction(labels.get(index), probabilities[index]));
        }
        return predictions;
    }
}
