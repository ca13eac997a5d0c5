package io.github.rnnserving.serving;

import io.github.rnnserving.model.EncodedInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Sequences taken out of one model's queue for one forward pass. */
record Batch(ModelQueue queue, List<Pending> sequences) {

    /**
     * Runs the pass on {@code worker}'s predictor.
     *
     * @return what hands each answer (or the failure) to its request: the worker calls it only
     *     after it has marked the pass finished, since a request's last answer may release the
     *     model version, which then closes and waits for its passes to end
     */
    Runnable run(int worker) {
        long started = System.nanoTime();
        ServingMetrics.ModelMeters meters = queue.meters();
        List<EncodedInput> inputs = new ArrayList<>(sequences.size());
        for (Pending pending : sequences) {
            inputs.add(pending.input());
            meters.queueWait(started - pending.queuedNanos());
        }
        try {
            float[][] answers = queue.pass().run(worker, inputs);
            return () -> {
                for (int i = 0; i < sequences.size(); i++) {
                    Pending pending = sequences.get(i);
                    pending.owner().answer(pending.index(), answers[i]);
                }
            };
        } catch (RuntimeException e) {
            return () -> fail(e);
        } finally {
            meters.forward(sequences.size(), System.nanoTime() - started);
        }
    }

    void fail(RuntimeException reason) {
        Set<Submission> owners = new LinkedHashSet<>();
        sequences.forEach(pending -> owners.add(pending.owner()));
        owners.forEach(owner -> owner.fail(reason));
    }
}
