package io.github.rnnserving.classify;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.Probabilities;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.web.InvalidInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Checks a request against its model ({@link RequestInputs} turns its fields into inputs), runs the
 * model and shapes the answer.
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

    /**
     * Inputs per forward pass. Long batches and explain's prefixes run in chunks of this many, so
     * the deadline is checked between them and explain's short prefixes are not padded to the
     * longest; results do not depend on it, since padding never reaches a real step.
     */
    static final int CHUNK = 32;

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

    public ClassifyResponse classify(ClassifyRequest request) {
        long started = System.nanoTime();
        // only registered names become metric tags, so unknown names cannot flood the registry
        String tag =
                request.model() != null && registry.names().contains(request.model()) ? request.model() : "unknown";
        String outcome = "error";
        try {
            ClassifyResponse response = classifyUnmeasured(request);
            outcome = "success";
            return response;
        } finally {
            Timer.builder("rnn.classify")
                    .description("POST /classify latency per model and outcome")
                    .tags("model", tag, "outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private ClassifyResponse classifyUnmeasured(ClassifyRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            throw new InvalidInputException("model", "model is required: the name of a model from GET /models");
        }
        RequestDeadline deadline = RequestDeadline.after(limits.requestTimeout());
        ServedModel model = registry.acquire(request.model());
        try {
            boolean batch = request.texts() != null || request.images() != null;
            List<ClassifyInput> inputs = requestInputs.inputs(model, request);
            int topK = topK(request.topK(), model.manifest().labels().size());
            boolean explain = Boolean.TRUE.equals(request.explain());
            List<ClassifyResponse.Result> results = run(model, inputs, topK, explain, deadline);
            String version = model.manifest().version();
            String stepsExplained = explain ? stepsExplained(model) : null;
            if (batch) {
                return new ClassifyResponse(request.model(), version, null, null, stepsExplained, results);
            }
            ClassifyResponse.Result only = results.get(0);
            return new ClassifyResponse(
                    request.model(), version, only.predictions(), only.steps(), stepsExplained, null);
        } finally {
            model.release();
        }
    }

    /** An uploaded image file (multipart), as {@code imageBase64} would be. */
    public ClassifyResponse classifyUpload(String model, byte[] file, String polarity, Integer topK, Boolean explain) {
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

    private List<ClassifyResponse.Result> run(
            ServedModel model, List<ClassifyInput> inputs, int topK, boolean explain, RequestDeadline deadline) {
        if (explain) {
            inputs.forEach(input -> requireExplainable(input, "explain"));
            requireExplainWork(inputs);
        }
        float[][] probabilities = predict(model, inputs, deadline);
        List<String> labels = model.manifest().labels();
        List<ClassifyResponse.Result> results = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            List<ClassifyResponse.Step> steps = explain ? steps(model, inputs.get(i), labels, deadline) : null;
            results.add(new ClassifyResponse.Result(top(probabilities[i], labels, topK), steps));
        }
        return results;
    }

    /** Runs the inputs chunk by chunk, each chunk borrowing a worker within what is left of the deadline. */
    private float[][] predict(ServedModel model, List<ClassifyInput> inputs, RequestDeadline deadline) {
        float[][] probabilities = new float[inputs.size()][];
        for (int from = 0; from < inputs.size(); from += CHUNK) {
            deadline.check();
            List<ClassifyInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + CHUNK));
            long wait = Math.min(limits.queueTimeout().toMillis(), deadline.remainingMillis());
            float[][] answers = predictChunk(model, chunk, wait);
            System.arraycopy(answers, 0, probabilities, from, answers.length);
            sequences(model).increment(chunk.size());
        }
        return probabilities;
    }

    private static float[][] predictChunk(ServedModel model, List<ClassifyInput> inputs, long waitMillis) {
        if (model.inputKind() == InputKind.TEXT) {
            List<long[]> ids = new ArrayList<>(inputs.size());
            inputs.forEach(input -> ids.add(input.ids()));
            return model.classifyTokens(ids, waitMillis);
        }
        List<EncodedInput.PixelRows> rows = new ArrayList<>(inputs.size());
        inputs.forEach(input -> rows.add(input.image()));
        return model.classifyImages(rows, waitMillis);
    }

    /** Sequences run per model: explain runs one per step, so this shows what explain costs. */
    private Counter sequences(ServedModel model) {
        return Counter.builder("rnn.classify.sequences")
                .description("input sequences run through a model by POST /classify (explain runs one per step)")
                .tag("model", model.manifest().name())
                .register(meters);
    }

    /** Every prefix of the input as one batch: exact, since padding never reaches a real step. */
    private List<ClassifyResponse.Step> steps(
            ServedModel model, ClassifyInput input, List<String> labels, RequestDeadline deadline) {
        List<ClassifyInput> prefixes = new ArrayList<>();
        int length = input.ids() != null ? input.ids().length : input.image().rows();
        for (int k = 1; k <= length; k++) {
            prefixes.add(input.prefix(k));
        }
        float[][] probabilities = predict(model, prefixes, deadline);
        List<ClassifyResponse.Step> steps = new ArrayList<>(length);
        for (int k = 0; k < length; k++) {
            int best = Probabilities.argMax(probabilities[k]);
            String token = input.tokens() != null ? input.tokens().get(k) : null;
            steps.add(new ClassifyResponse.Step(k + 1, token, labels.get(best), probabilities[k][best]));
        }
        return steps;
    }

    private int topK(Integer requested, int classes) {
        if (requested == null) {
            return classes;
        }
        if (requested < 1 || requested > classes) {
            throw new InvalidInputException("topK", "topK must be 1 to " + classes + " for this model");
        }
        return requested;
    }

    private String stepsExplained(ServedModel model) {
        Architecture architecture = model.manifest().architecture();
        if (architecture == null) {
            return OPAQUE_STEPS;
        }
        return architecture.bidirectional() ? BIDIRECTIONAL_STEPS : UNIDIRECTIONAL_STEPS;
    }

    private void requireExplainable(ClassifyInput input, String field) {
        int length = input.ids() != null ? input.ids().length : input.image().rows();
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
            long length =
                    input.ids() != null ? input.ids().length : input.image().rows();
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
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        List<ClassifyResponse.Prediction> predictions = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            predictions.add(new ClassifyResponse.Prediction(labels.get(order[i]), probabilities[order[i]]));
        }
        return predictions;
    }
}
