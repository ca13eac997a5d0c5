package io.github.rnnserving.jobs;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.Probabilities;
import io.github.rnnserving.registry.ServedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a serving model on a job's test split through its own predictors and input handling,
 * so any version (trained here, imported, TorchScript) is compared on exactly the same examples.
 */
final class ServingComparison {

    private static final int BATCH = 64;
    private static final long WAIT_MILLIS = 60_000;

    private ServingComparison() {}

    /** Accuracy of {@code model} on {@code examples}; examples with labels it lacks count as wrong. */
    static double accuracy(ServedModel model, List<? extends Example> examples) {
        List<String> labels = model.manifest().labels();
        int correct = 0;
        for (int start = 0; start < examples.size(); start += BATCH) {
            List<? extends Example> batch = examples.subList(start, Math.min(examples.size(), start + BATCH));
            float[][] probabilities = predict(model, batch);
            for (int i = 0; i < batch.size(); i++) {
                if (labels.get(Probabilities.argMax(probabilities[i]))
                        .equals(batch.get(i).label())) {
                    correct++;
                }
            }
        }
        return examples.isEmpty() ? 0 : (double) correct / examples.size();
    }

    private static float[][] predict(ServedModel model, List<? extends Example> batch) {
        if (model.inputKind() == InputKind.TEXT) {
            List<long[]> ids = new ArrayList<>(batch.size());
            for (Example example : batch) {
                long[] encoded = model.textEncoder().encode(((TextExample) example).text());
                // an empty encoding cannot run: one unknown token stands in, and will likely be wrong
                ids.add(encoded.length == 0 ? new long[] {1} : encoded);
            }
            return model.classifyTokens(ids, WAIT_MILLIS);
        }
        List<EncodedInput.PixelRows> rows = new ArrayList<>(batch.size());
        for (Example example : batch) {
            ImageExample image = (ImageExample) example;
            rows.add(new EncodedInput.PixelRows(image.pixels(), image.rows(), image.columns()));
        }
        return model.classifyImages(rows, WAIT_MILLIS);
    }
}
