package io.github.rnnserving.registry;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fixed set of predictors for one model: DJL's {@code Predictor} is not thread-safe, so each
 * request borrows one, uses it alone and gives it back; requests beyond the pool's size wait.
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final BlockingQueue<Predictor<I, O>> idle;
    private final List<Predictor<I, O>> all = new ArrayList<>();

    public PredictorPool(int size, Supplier<Predictor<I, O>> factory) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Predictor<I, O> predictor = factory.get();
            all.add(predictor);
            idle.add(predictor);
        }
    }

    /**
     * @return the prediction, or null when no predictor came free within the timeout
     */
    public O predict(I input, long timeoutMillis) throws TranslateException, InterruptedException {
        try (Lease<I, O> lease = borrow(timeoutMillis)) {
            return lease == null ? null : lease.predictor().predict(input);
        }
    }

    /** A predictor for the caller alone until the lease closes; null after the timeout. */
    public Lease<I, O> borrow(long timeoutMillis) throws InterruptedException {
        Predictor<I, O> predictor = idle.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return predictor == null ? null : new Lease<>(predictor, idle);
    }

    public int size() {
        return all.size();
    }

    /** One borrowed predictor, back in the pool on close. */
    public record Lease<I, O>(Predictor<I, O> predictor, BlockingQueue<Predictor<I, O>> pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.add(predictor);
        }
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
    }
}
