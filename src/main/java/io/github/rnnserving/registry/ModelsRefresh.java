package io.github.rnnserving.registry;

import io.github.rnnserving.RnnProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Re-reads the models folder every {@code rnn.models-refresh} on Spring's {@link TaskScheduler},
 * so the period is the bound setting itself rather than an annotation string repeating its
 * default. Kept apart from {@link ModelRegistry} so the registry stays free of scheduling.
 */
@Component
class ModelsRefresh implements DisposableBean {

    private final ScheduledFuture<?> task;

    ModelsRefresh(ModelRegistry registry, RnnProperties properties, TaskScheduler scheduler) {
        Duration period = properties.modelsRefresh();
        // the first run after one period, as before: start-up has just read the folder
        task = scheduler.scheduleWithFixedDelay(registry::refresh, Instant.now().plus(period), period);
    }

    @Override
    public void destroy() {
        task.cancel(false);
    }
}
