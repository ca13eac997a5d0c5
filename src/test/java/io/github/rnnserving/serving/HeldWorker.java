package io.github.rnnserving.serving;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/**
 * Holds an engine's one forward worker inside a pass of a queue of its own until released, as a
 * long pass would: what tests queue meanwhile is then batched by the queues' rules alone, not by
 * timing.
 */
public final class HeldWorker implements AutoCloseable {

    private final ServingEngine engine;
    private final RecordingPass pass = new RecordingPass();
    private final ModelQueue queue;

    public HeldWorker(ServingEngine engine) {
        this.engine = engine;
        this.queue = engine.open("held", engine.defaults(), pass);
    }

    /** Returns once the worker is inside the held pass. */
    public void hold() {
        pass.close();
        queue.submit(
                List.of(RecordingPass.ofLength(1)),
                System.nanoTime() + Duration.ofMinutes(1).toNanos());
        await().until(() -> queue.depth() == 0);
    }

    public void release() {
        pass.open();
    }

    @Override
    public void close() {
        release();
        engine.close(queue, new IllegalStateException("the held worker's queue closed"));
    }
}
