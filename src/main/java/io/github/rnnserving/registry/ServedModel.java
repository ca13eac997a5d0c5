package io.github.rnnserving.registry;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.GeneratorTranslator;
import io.github.rnnserving.model.InputEncoder;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.SequenceBatchTranslator;
import io.github.rnnserving.model.StreamingState;
import io.github.rnnserving.model.StreamingTranslator;
import io.github.rnnserving.model.TorchScriptContract;
import io.github.rnnserving.serving.ModelQueue;
import io.github.rnnserving.serving.ServingEngine;
import io.github.rnnserving.serving.ServingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model version: one predictor per forward worker (predictors are not thread-safe, and
 * worker {@code i} only ever uses predictor {@code i}) and its queue in the serving engine.
 * Reference-counted: the registry holds one reference while the version serves and every request
 * holds one while it runs, so a promotion swaps versions without failing the requests still
 * running on the old one, which closes when its last request ends.
 */
public final class ServedModel {

    private static final Logger log = LoggerFactory.getLogger(ServedModel.class);

    private final ModelManifest manifest;
    private final Model model;
    private final InputEncoder encoder;
    private final List<Predictor<List<EncodedInput>, float[][]>> predictors = new ArrayList<>();
    private final List<Predictor<List<EncodedInput>, float[][]>> streamingPredictors = new ArrayList<>();
    private final ServingEngine engine;
    private final ModelQueue queue;
    private final ModelQueue streamingQueue;
    private final Optional<String> streamingRefusal;
    private final AtomicInteger references = new AtomicInteger(1);

    ServedModel(ModelManifest manifest, Model model, ServingEngine engine, ServingSettings settings, boolean warmUp) {
        this.manifest = manifest;
        this.model = model;
        this.engine = engine;
        this.encoder = manifest.input().encoder();
        TorchScriptContract contract = manifest.contract();
        // an imported module may take no padding, or one input a pass only: its queue forms no other batch
        settings = settings.limitedTo(contract.oneAtATime(), contract.needsEqualLengths());
        if (!manifest.isGenerator()) {
            for (int i = 0; i < engine.plan().forwardWorkers(); i++) {
                predictors.add(model.newPredictor(new SequenceBatchTranslator(contract)));
            }
        }
        this.streamingRefusal = StreamingState.refusal(manifest);
        if (streamingRefusal.isEmpty() || manifest.isGenerator()) {
            for (int i = 0; i < engine.plan().forwardWorkers(); i++) {
                // a generator's continuations answer every step's next-token distribution
                streamingPredictors.add(model.newPredictor(
                        manifest.isGenerator() ? new GeneratorTranslator() : new StreamingTranslator()));
            }
        }
        try {
            if (warmUp && !manifest.isGenerator()) {
                long started = System.nanoTime();
                warmUp(settings);
                log.info(
                        "warmed up {} version {}: {} predictor(s) × batch sizes {} in {} ms",
                        manifest.name(),
                        manifest.version(),
                        predictors.size(),
                        settings.warmUpBatchSizes(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            predictors.forEach(Predictor::close);
            streamingPredictors.forEach(Predictor::close);
            throw e;
        }
        this.queue = manifest.isGenerator() ? null : engine.open(manifest.name(), settings, this::forward);
        // a carried state is exact only if no padding enters it: these passes hold one length each
        this.streamingQueue = streamingPredictors.isEmpty()
                ? null
                : engine.open(manifest.name(), settings.limitedTo(false, true), this::continueForward);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public InputKind inputKind() {
        return manifest.input().kind();
    }

    /** The model's input encoder, built once (a text model's holds its vocabulary's index). */
    public InputEncoder encoder() {
        return encoder;
    }

    /** Where this version's requests queue for forward passes; a classifier's only. */
    public ModelQueue queue() {
        if (queue == null) {
            throw new IllegalStateException("model " + manifest.name() + " is a generator: it has no classify queue");
        }
        return queue;
    }

    /** Whether this version is a language model (POST /generate, /score), not a classifier. */
    public boolean isGenerator() {
        return manifest.isGenerator();
    }

    /**
     * Where a generator's continuations queue ({@link EncodedInput.Continuation}s of token ids from
     * {@link io.github.rnnserving.model.GenerationState}s, one length per pass), answered by {@link
     * GeneratorTranslator}'s rows.
     */
    public ModelQueue generationQueue() {
        if (!manifest.isGenerator()) {
            throw new IllegalStateException("model " + manifest.name() + " is a classifier: it does not generate");
        }
        return streamingQueue;
    }

    /** Why this version cannot stream (a 409's detail); empty when it can. */
    public Optional<String> streamingRefusal() {
        return streamingRefusal;
    }

    /**
     * Where streaming sessions' steps queue ({@link EncodedInput.Continuation}s, answered by {@link
     * StreamingTranslator}'s rows); batched like {@link #queue()}, but one length per pass.
     *
     * @throws IllegalStateException when the model cannot stream ({@link #streamingRefusal()})
     */
    public ModelQueue streamingQueue() {
        if (streamingQueue == null || manifest.isGenerator()) {
            throw new IllegalStateException(streamingRefusal.orElse("this model cannot stream"));
        }
        return streamingQueue;
    }

    private float[][] continueForward(int worker, List<EncodedInput> batch) {
        try {
            return streamingPredictors.get(worker).predict(batch);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed on model " + manifest.name() + ": " + e.getMessage(), e);
        }
    }

    private float[][] forward(int worker, List<EncodedInput> batch) {
        try {
            return predictors.get(worker).predict(batch);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed on model " + manifest.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * One forward pass per predictor at every batch size the batcher forms, before the version
     * serves: the first passes of a fresh model allocate and initialise, and no request should
     * pay for that.
     */
    private void warmUp(ServingSettings settings) {
        // gradient mode is per thread: a promotion or a refresh loads on a thread that has it on
        JniUtils.setGradMode(false);
        EncodedInput sample = manifest.input().warmUpSample();
        for (Predictor<List<EncodedInput>, float[][]> predictor : predictors) {
            for (int size : settings.warmUpBatchSizes()) {
                EncodedInput[] batch = new EncodedInput[size];
                Arrays.fill(batch, sample);
                try {
                    predictor.predict(Arrays.asList(batch));
                } catch (TranslateException e) {
                    throw new IllegalStateException(
                            "warm-up failed on model " + manifest.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Takes a reference; false once the model has closed (the caller then reads the registry again). */
    boolean retain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /**
     * Drops a reference; the last one closes the queue (after any forward pass still running on
     * it), the predictors and the native memory.
     */
    public void release() {
        if (references.decrementAndGet() == 0) {
            IllegalStateException unloaded = new IllegalStateException(
                    "model " + manifest.name() + " version " + manifest.version() + " was unloaded");
            if (queue != null) {
                engine.close(queue, unloaded);
            }
            if (streamingQueue != null) {
                engine.close(streamingQueue, unloaded);
            }
            predictors.forEach(Predictor::close);
            streamingPredictors.forEach(Predictor::close);
            model.close();
        }
    }
}
