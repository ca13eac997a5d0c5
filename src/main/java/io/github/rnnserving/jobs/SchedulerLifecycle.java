package io.github.rnnserving.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the scheduler once the application is up (so no job runs before the models are
 * loaded) and stops it first on shutdown, which sends a running job back to the queue.
 */
final class SchedulerLifecycle implements SmartLifecycle {

    private final Scheduler scheduler;
    private volatile boolean running;

    SchedulerLifecycle(SchedulerClient client) {
        this.scheduler = client instanceof Scheduler s ? s : null;
    }

    @Override
    public void start() {
        if (scheduler != null) {
            scheduler.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
