package io.github.rnnserving.registry;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.ImageRowsTranslator;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.TextTranslator;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.web.ServiceBusyException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded model version with its predictor pool. Reference-counted: the registry holds one
 * reference while the version serves and every request holds one while it runs, so a promotion
 * swaps versions without failing the requests still running on the old one, which closes when its
 * last request ends.
 */
public final class ServedModel {

    private final ModelManifest manifest;
    private final Model model;
    private final TextEncoder textEncoder;
    private final PredictorPool<List<long[]>, float[][]> textPool;
    private final PredictorPool<List<EncodedInput.PixelRows>, float[][]> imagePool;
    private final AtomicInteger references = new AtomicInteger(1);

    ServedModel(ModelManifest manifest, Model model, int workers) {
        this.manifest = manifest;
        this.model = model;
        if (manifest.input().kind() == InputKind.TEXT) {
            textEncoder = manifest.input().textEncoder();
            textPool = new PredictorPool<>(workers, () -> model.newPredictor(new TextTranslator()));
            imagePool = null;
        } else {
            textEncoder = null;
            textPool = null;
            imagePool = new PredictorPool<>(workers, () -> model.newPredictor(new ImageRowsTranslator()));
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public InputKind inputKind() {
        return manifest.input().kind();
    }

    /** The text encoder of a text model (tokenizer, vocabulary, maximum length). */
    public TextEncoder textEncoder() {
        return textEncoder;
    }

    public float[][] classifyTokens(List<long[]> tokenIds, long timeoutMillis) {
        return run(textPool, tokenIds, timeoutMillis);
    }

    public float[][] classifyImages(List<EncodedInput.PixelRows> images, long timeoutMillis) {
        return run(imagePool, images, timeoutMillis);
    }

    private <I> float[][] run(PredictorPool<I, float[][]> pool, I input, long timeoutMillis) {
        if (pool == null) {
            throw new IllegalStateException("model " + manifest.name() + " does not read this input");
        }
        try {
            float[][] result = pool.predict(input, timeoutMillis);
            if (result == null) {
                throw new ServiceBusyException(
                        "model " + manifest.name() + " is busy: no worker came free within " + timeoutMillis + " ms");
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusyException("interrupted while waiting for a worker");
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed on model " + manifest.name() + ": " + e.getMessage(), e);
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

    /** Drops a reference; the last one closes the predictors and frees the native memory. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            if (textPool != null) {
                textPool.close();
            }
            if (imagePool != null) {
                imagePool.close();
            }
            model.close();
        }
    }

    /** The pool requests of this model's input kind borrow from. */
    PredictorPool<?, float[][]> pool() {
        return textPool != null ? textPool : imagePool;
    }

    boolean isClosed() {
        return references.get() == 0;
    }
}
