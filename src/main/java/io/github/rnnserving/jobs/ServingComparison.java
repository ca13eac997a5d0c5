package io.github.rnnserving.jobs;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.InputEncoder;
import io.github.rnnserving.model.Probabilities;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.serving.ModelQueue;
import io.github.rnnserving.web.ServiceBusyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scores a serving model on a job's test split through its own serving queue and input handling,
 * so any version (trained here, imported, TorchScript) is compared on exactly the same examples,
 * the way requests are answered. It queues one slice at a time and steps back while live requests
 * fill the queue.
 */
final class ServingComparison {

    private static final int SLICE = 64;
    private static final Duration PATIENCE = Duration.ofMinutes(1);
    private static final long BACK_OFF_MILLIS = 20;

    private ServingComparison() {}

    /** Accuracy of {@code model} on {@code examples}; examples with labels it lacks count as wrong. */
    static double accuracy(ServedModel model, List<? extends Example> examples) {
        List<String> labels = model.manifest().labels();
        int correct = 0;
        for (int start = 0; start < examples.size(); start += SLICE) {
            List<? extends Example> slice = examples.subList(start, Math.min(examples.size(), start + SLICE));
            float[][] probabilities = predict(model.queue(), encode(model, slice));
            for (int i = 0; i < slice.size(); i++) {
                if (labels.get(Probabilities.argMax(probabilities[i]))
                        .equals(slice.get(i).label())) {
                    correct++;
                }
            }
        }
        return examples.isEmpty() ? 0 : (double) correct / examples.size();
    }

    /** The examples as the model's encoder reads them; one with no steps reads the encoder's stand-in. */
    private static List<EncodedInput> encode(ServedModel model, List<? extends Example> slice) {
        InputEncoder encoder = model.encoder();
        List<EncodedInput> inputs = new ArrayList<>(slice.size());
        for (Example example : slice) {
            EncodedInput encoded = encoder.encode(example);
            inputs.add(encoded == null ? encoder.standIn() : encoded);
        }
        return inputs;
    }

    private static float[][] predict(ModelQueue queue, List<EncodedInput> inputs) {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return queue.submit(inputs, end).answer().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ServiceBusyException busy) {
                if (System.nanoTime() - end >= 0) {
                    throw busy;
                }
                sleep();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("model " + queue.model() + " gave no answer within " + PATIENCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while comparing versions", e);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(BACK_OFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while comparing versions", e);
        }
    }
}
