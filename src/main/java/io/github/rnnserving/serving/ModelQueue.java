package io.github.rnnserving.serving;

import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.web.ServiceBusyException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded queue of one model version: requests enter as {@link Submission}s of encoded
 * sequences, the engine's forward workers take batches out. Its state is guarded by the engine's
 * lock, so a worker sees every model's queue at once and serves the one that waited longest.
 */
public final class ModelQueue {

    private final String model;
    private final ServingSettings settings;
    private final ForwardPass pass;
    private final ServingEngine engine;
    private final ServingMetrics.ModelMeters meters;
    private final LinkedList<Pending> waiting = new LinkedList<>();
    /** Requests of this model between their start and {@link #submit}: the company a batch may wait for. */
    private final AtomicInteger arriving = new AtomicInteger();

    private int running;
    private boolean closed;

    ModelQueue(
            String model,
            ServingSettings settings,
            ForwardPass pass,
            ServingEngine engine,
            ServingMetrics.ModelMeters meters) {
        this.model = model;
        this.settings = settings;
        this.pass = pass;
        this.engine = engine;
        this.meters = meters;
    }

    public String model() {
        return model;
    }

    public ServingSettings settings() {
        return settings;
    }

    /**
     * Announces a request that is decoding its input for this model: while any is, a free worker
     * may hold a part-full batch open for up to {@code maxBatchDelay}. Pass it to {@link #submit},
     * or close it when the request fails before.
     */
    public Arrival arriving() {
        arriving.incrementAndGet();
        return new Arrival();
    }

    /**
     * Queues a request's sequences, or refuses it at once when the queue holds {@code
     * queueCapacity} sequences and this request would go past it (a request larger than the whole
     * queue is taken only when the queue is empty).
     *
     * @param deadlineNanos the request's end, on {@link System#nanoTime()}'s clock: sequences not
     *     started by then are dropped and the answer fails
     * @throws ServiceBusyException when the queue is full (503 with Retry-After)
     */
    public Submission submit(Sequences inputs, long deadlineNanos, Arrival arrival) {
        if (inputs.size() == 0) {
            throw new IllegalArgumentException("a submission needs at least one sequence");
        }
        engine.lock().lock();
        try {
            arrival.end();
            if (closed) {
                throw new IllegalStateException("model " + model + " has been unloaded");
            }
            if (!waiting.isEmpty() && waiting.size() + inputs.size() > settings.queueCapacity()) {
                meters.rejected("queue-full");
                throw new ServiceBusyException("model " + model + " is busy: its queue holds " + waiting.size()
                        + " sequences and takes at most " + settings.queueCapacity() + "; retry later");
            }
            Submission submission = new Submission(this, inputs, deadlineNanos);
            long now = System.nanoTime();
            for (int i = 0; i < inputs.size(); i++) {
                waiting.add(new Pending(submission, i, now, settings.bucketOf(inputs.length(i))));
            }
            engine.workArrived();
            return submission;
        } finally {
            engine.lock().unlock();
        }
    }

    /**
     * Queues the sequences of a caller inside the service (a job comparing versions on its test
     * split): as {@link #submit(Sequences, long, Arrival)}, without announcing an arrival first.
     */
    public Submission submit(List<? extends EncodedInput> inputs, long deadlineNanos) {
        Arrival arrival = arriving();
        try {
            return submit(Sequences.of(inputs), deadlineNanos, arrival);
        } finally {
            arrival.close();
        }
    }

    /** Sequences waiting now. */
    public int depth() {
        engine.lock().lock();
        try {
            return waiting.size();
        } finally {
            engine.lock().unlock();
        }
    }

    /** Takes a cancelled submission's waiting sequences out. */
    void withdraw(Submission submission) {
        engine.lock().lock();
        try {
            waiting.removeIf(pending -> pending.owner() == submission);
            meters.rejected("cancelled");
        } finally {
            engine.lock().unlock();
        }
    }

    // ---- the engine's side; every method below runs under the engine's lock ----

    /** The oldest live sequence, after dropping those whose request is over or past its deadline. */
    Pending head(long now) {
        while (!waiting.isEmpty()) {
            Pending head = waiting.peekFirst();
            if (head.owner().isDone()) {
                waiting.removeFirst();
            } else if (now - head.owner().deadlineNanos() >= 0) {
                meters.rejected("deadline");
                head.owner().fail(RequestDeadline.expired(settings.requestTimeout()));
                waiting.removeIf(pending -> pending.owner() == head.owner());
            } else {
                return head;
            }
        }
        return null;
    }

    /**
     * When a batch headed by {@code head} should start: now, unless batching is on, requests of
     * this model are still decoding, and the batch is not full yet; then when the head has waited
     * {@code maxBatchDelay}.
     */
    long readyAt(Pending head, long now) {
        if (!settings.batching()
                || arriving.get() == 0
                || settings.maxBatchDelay().isZero()
                || fills(head)) {
            return now;
        }
        return head.queuedNanos() + settings.maxBatchDelay().toNanos();
    }

    private boolean fills(Pending head) {
        if (waiting.size() < settings.maxBatchSize()) {
            return false;
        }
        int count = 0;
        for (Pending pending : waiting) {
            if (pending.bucket() == head.bucket() && ++count >= settings.maxBatchSize()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes up to {@code maxBatchSize} sequences of the head's length bucket (its exact length for
     * a network given no lengths), oldest first; with batching off, only the head's own request's.
     */
    Batch take(Pending head) {
        List<Pending> batch = new ArrayList<>(Math.min(settings.maxBatchSize(), waiting.size()));
        Iterator<Pending> it = waiting.iterator();
        while (it.hasNext() && batch.size() < settings.maxBatchSize()) {
            Pending pending = it.next();
            if (pending.owner().isDone()) {
                it.remove();
            } else if (pending.bucket() == head.bucket() && (settings.batching() || pending.owner() == head.owner())) {
                it.remove();
                batch.add(pending);
            }
        }
        running++;
        return new Batch(this, batch);
    }

    void finished() {
        running--;
        if (closed && running == 0) {
            engine.workArrived();
        }
    }

    /** Stops taking work, fails what waits and waits for batches still running on this version. */
    void close(RuntimeException reason) throws InterruptedException {
        closed = true;
        for (Pending pending : waiting) {
            pending.owner().fail(reason);
        }
        waiting.clear();
        while (running > 0) {
            engine.awaitChange();
        }
    }

    ForwardPass pass() {
        return pass;
    }

    ServingMetrics.ModelMeters meters() {
        return meters;
    }

    /** A request decoding its input; ends when submitted or when the request fails first. */
    public final class Arrival implements AutoCloseable {

        private final AtomicBoolean ended = new AtomicBoolean();

        void end() {
            if (ended.compareAndSet(false, true)) {
                arriving.decrementAndGet();
            }
        }

        @Override
        public void close() {
            if (!ended.get()) {
                engine.lock().lock();
                try {
                    end();
                    // a worker holding a batch open for this request must not wait out the delay
                    engine.workArrived();
                } finally {
                    engine.lock().unlock();
                }
            }
        }
    }
}
