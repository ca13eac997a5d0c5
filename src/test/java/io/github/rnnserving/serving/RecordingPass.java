package io.github.rnnserving.serving;

import io.github.rnnserving.model.EncodedInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A forward pass for the scheduler's own tests: it answers each sequence with its length (so
 * answers are checkable), records every batch it was given, and can be held inside a pass until
 * released, as a long pass holds a worker.
 */
final class RecordingPass implements ForwardPass {

    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public float[][] run(int worker, List<EncodedInput> batch) {
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Integer> lengths = new ArrayList<>();
        float[][] answers = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            lengths.add(batch.get(i).length());
            answers[i] = new float[] {batch.get(i).length()};
        }
        batches.add(lengths);
        return answers;
    }

    /** Passes from now on wait inside until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** The lengths of each batch's sequences, batches in the order they ran. */
    List<List<Integer>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    static EncodedInput ofLength(int steps) {
        return new EncodedInput.TokenIds(new long[steps]);
    }
}
