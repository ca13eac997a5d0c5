package io.github.rnnserving.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How one model is served: the service-wide defaults ({@code rnn.serving.*}) with the model's
 * {@code serving.json} laid over them.
 *
 * @param batching whether sequences of different requests share a forward pass; off, each
 *     request's own sequences still run together
 * @param maxBatchSize sequences per forward pass
 * @param maxBatchDelay how long a free worker holds a part-full batch open for requests of the
 *     same model that are already being decoded; a lone request never waits
 * @param queueCapacity sequences waiting for this model before new requests get 503 at once
 * @param requestTimeout a request's whole time, queue and forward passes; past it 503
 * @param equalLengthsOnly a pass holds sequences of one length only, for a network that is given no
 *     lengths and so cannot tell padding from steps; otherwise lengths within a power of two share
 *     a pass. Not a {@code serving.json} field: what the network can take ({@link #limitedTo})
 */
public record ServingSettings(
        boolean batching,
        int maxBatchSize,
        Duration maxBatchDelay,
        int queueCapacity,
        Duration requestTimeout,
        boolean equalLengthsOnly) {

    public static final int MAX_BATCH_SIZE = 1024;
    static final Duration MAX_BATCH_DELAY = Duration.ofSeconds(1);

    public ServingSettings {
        List<String> problems = new ArrayList<>();
        if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
            problems.add("maxBatchSize must be 1 to " + MAX_BATCH_SIZE + " (got " + maxBatchSize + ")");
        }
        if (maxBatchDelay == null || maxBatchDelay.isNegative() || maxBatchDelay.compareTo(MAX_BATCH_DELAY) > 0) {
            problems.add("maxBatchDelay must be 0 to 1s (got " + maxBatchDelay + ")");
        }
        if (queueCapacity < 1) {
            problems.add("queueCapacity must be at least 1 (got " + queueCapacity + ")");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("requestTimeout must be positive (got " + requestTimeout + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Settings of a network that takes padded batches of any size. */
    public ServingSettings(
            boolean batching, int maxBatchSize, Duration maxBatchDelay, int queueCapacity, Duration requestTimeout) {
        this(batching, maxBatchSize, maxBatchDelay, queueCapacity, requestTimeout, false);
    }

    /**
     * These settings within what a network can take, whatever {@code serving.json} asked for.
     *
     * @param oneAtATime the network must see one sequence a pass (it fails or answers differently
     *     with several)
     * @param equalLengths the network must not be given padding
     */
    public ServingSettings limitedTo(boolean oneAtATime, boolean equalLengths) {
        return new ServingSettings(
                batching,
                oneAtATime ? 1 : maxBatchSize,
                maxBatchDelay,
                queueCapacity,
                requestTimeout,
                equalLengthsOnly || equalLengths);
    }

    /** The key under which sequences may share a pass. */
    int bucketOf(int length) {
        return equalLengthsOnly ? length : Pending.bucketOf(length);
    }

    /** The batch sizes the batcher forms, as warm-up runs them: powers of two up to the maximum. */
    public List<Integer> warmUpBatchSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int size = 1; size < maxBatchSize; size *= 2) {
            sizes.add(size);
        }
        sizes.add(maxBatchSize);
        return sizes;
    }
}
