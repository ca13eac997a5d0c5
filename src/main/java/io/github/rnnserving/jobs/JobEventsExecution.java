package io.github.rnnserving.jobs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The thread that feeds job event streams, managed by Spring (started with the context, stopped
 * before the beans it reads close). One thread: each pass reads one row per open stream, and the
 * streams' order of events needs no more. Not a default candidate, so it is injected only by name
 * and Spring Boot still provides its own {@code taskScheduler} and {@code applicationTaskExecutor}
 * for everything else.
 */
@Configuration(proxyBeanMethods = false)
class JobEventsExecution {

    static final String BEAN = "jobEventsScheduler";

    @Bean(name = BEAN, defaultCandidate = false)
    ThreadPoolTaskScheduler jobEventsScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("job-events-");
        scheduler.setDaemon(true);
        // a stream's pending pass is worthless once the context closes
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }
}
