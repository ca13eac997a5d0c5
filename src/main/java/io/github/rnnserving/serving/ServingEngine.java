package io.github.rnnserving.serving;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.rnnserving.RnnProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The forward workers and the queues they serve. Each worker loops: of all models' queues, take
 * the one whose oldest sequence has waited longest and is ready (see {@link
 * ModelQueue#readyAt}), form a batch from it, run it, hand the answers back. One lock guards every
 * queue, so choosing across models is a consistent look; the forward passes run outside it.
 */
@Component
public class ServingEngine implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServingEngine.class);

    private final ThreadPlan plan;
    private final ServingSettings defaults;
    private final ServingMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ModelQueue> queues = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean stopped;

    @Autowired
    public ServingEngine(RnnProperties properties, ObjectProvider<MeterRegistry> meters) {
        this(planOf(properties.serving()), defaultsOf(properties), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    public ServingEngine(ThreadPlan plan, ServingSettings defaults, MeterRegistry meters) {
        this.plan = plan;
        this.defaults = defaults;
        this.metrics = new ServingMetrics(meters);
        applyToLibtorch(plan);
        for (int i = 0; i < plan.forwardWorkers(); i++) {
            int index = i;
            Thread worker = new Thread(() -> work(index), "forward-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        log.info(
                "serving engine: {} forward worker(s) × {} intra-op thread(s) on {} cores; batching {} (at most {}"
                        + " sequences, {} µs delay), queues of {} sequences",
                plan.forwardWorkers(),
                plan.intraOpThreads(),
                plan.cores(),
                defaults.batching() ? "on" : "off",
                defaults.maxBatchSize(),
                defaults.maxBatchDelay().toNanos() / 1000,
                defaults.queueCapacity());
    }

    private static ThreadPlan planOf(RnnProperties.Serving serving) {
        return ThreadPlan.of(
                serving.cores(), serving.intraOpThreads(), serving.interOpThreads(), serving.forwardWorkers());
    }

    private static ServingSettings defaultsOf(RnnProperties properties) {
        RnnProperties.Serving serving = properties.serving();
        return new ServingSettings(
                serving.batching(),
                serving.maxBatchSize(),
                serving.maxBatchDelay(),
                serving.queueCapacity(),
                properties.limits().requestTimeout());
    }

    /**
     * libtorch reads these when its engine starts, which is the first model load, after this bean;
     * the intra-op count is set again directly in case an engine started before (tests, the CLI).
     */
    private static void applyToLibtorch(ThreadPlan plan) {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(plan.intraOpThreads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", String.valueOf(plan.interOpThreads()));
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(plan.intraOpThreads());
        if (JniUtils.getNumInteropThreads() != plan.interOpThreads()) {
            // libtorch sizes its inter-op pool once, at its first use, which may have come first
            log.warn(
                    "libtorch runs {} inter-op thread(s), not the {} of rnn.serving.inter-op-threads: it had started"
                            + " before the setting was read; set the system property ai.djl.pytorch.num_interop_threads",
                    JniUtils.getNumInteropThreads(),
                    plan.interOpThreads());
        }
    }

    public ThreadPlan plan() {
        return plan;
    }

    /** The service-wide serving settings a model's {@code serving.json} overrides. */
    public ServingSettings defaults() {
        return defaults;
    }

    /** A queue for one model version; its forward passes go to {@code pass}. */
    public ModelQueue open(String model, ServingSettings settings, ForwardPass pass) {
        ServingMetrics.ModelMeters meters = metrics.forModel(model, this, engine -> engine.depth(model));
        ModelQueue queue = new ModelQueue(model, settings, pass, this, meters);
        queues.add(queue);
        return queue;
    }

    /**
     * Closes a version's queue: what still waits fails with {@code reason}, and this returns once
     * no forward pass of it runs any more, so its predictors can be closed.
     */
    public void close(ModelQueue queue, RuntimeException reason) {
        lock.lock();
        try {
            queues.remove(queue);
            queue.close(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Sequences waiting for {@code model}, all its versions together. */
    double depth(String model) {
        int depth = 0;
        for (ModelQueue queue : queues) {
            if (queue.model().equals(model)) {
                depth += queue.depth();
            }
        }
        return depth;
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Wakes the workers: work came, a request stopped decoding, or a batch ended. Under the lock. */
    void workArrived() {
        changed.signalAll();
    }

    void awaitChange() throws InterruptedException {
        changed.await();
    }

    private void work(int worker) {
        // libtorch's gradient mode is per thread and on in a new one; a forward pass records nothing
        JniUtils.setGradMode(false);
        while (true) {
            Batch batch;
            lock.lock();
            try {
                batch = nextBatch();
                if (batch == null) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            Runnable delivery;
            try {
                delivery = batch.run(worker);
            } catch (RuntimeException | Error e) {
                log.error(
                        "forward worker {} failed a batch of {}: {}",
                        worker,
                        batch.queue().model(),
                        e.toString());
                RuntimeException reason = new IllegalStateException(
                        "inference failed on model " + batch.queue().model());
                delivery = () -> batch.fail(reason);
            } finally {
                lock.lock();
                try {
                    batch.queue().finished();
                } finally {
                    lock.unlock();
                }
            }
            delivery.run();
        }
    }

    /** Waits (under the lock) until a batch is ready anywhere; null once stopped. */
    private Batch nextBatch() throws InterruptedException {
        while (!stopped) {
            long now = System.nanoTime();
            ModelQueue oldest = null;
            Pending oldestHead = null;
            long wake = Long.MAX_VALUE;
            for (ModelQueue queue : queues) {
                Pending head = queue.head(now);
                if (head == null) {
                    continue;
                }
                long readyAt = queue.readyAt(head, now);
                if (readyAt - now > 0) {
                    wake = Math.min(wake, readyAt - now);
                } else if (oldestHead == null || head.queuedNanos() - oldestHead.queuedNanos() < 0) {
                    oldest = queue;
                    oldestHead = head;
                }
            }
            if (oldest != null) {
                return oldest.take(oldestHead);
            }
            if (wake == Long.MAX_VALUE) {
                changed.await();
            } else {
                changed.await(wake, TimeUnit.NANOSECONDS);
            }
        }
        return null;
    }

    @Override
    public void destroy() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
