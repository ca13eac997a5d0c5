package io.github.rnnserving.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.registry.ModelRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * db-scheduler wired by hand (its Spring Boot starter does not activate on Boot 4): one task,
 * "training-job", whose instances are job ids. One thread, so an instance trains one job at a
 * time (DJL allows one gradient collector per JVM); other instances on the same database take the
 * next queued job. Executions are ordered by time, and a job's time is its submission time.
 */
@Configuration(proxyBeanMethods = false)
class JobScheduling {

    static final String TASK = "training-job";

    @Bean
    String schedulerInstanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        // two instances on one host must still tell their executions apart
        String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 50 ? name.substring(name.length() - 50) : name;
    }

    @Bean
    Task<Void> trainingJobTask(
            TrainingJobRepository jobs,
            ModelRegistry registry,
            RnnProperties properties,
            String schedulerInstanceName) {
        return Tasks.custom(TASK, Void.class)
                .onDeadExecutionRevive()
                .execute(new TrainingJobRunner(jobs, registry, properties, schedulerInstanceName));
    }

    /** Schedules and cancels jobs; on an instance that trains, the scheduler that runs them too. */
    @Bean(destroyMethod = "")
    @DependsOnDatabaseInitialization
    SchedulerClient schedulerClient(
            DataSource dataSource, Task<Void> trainingJobTask, RnnProperties properties, String schedulerInstanceName) {
        RnnProperties.Jobs jobs = properties.jobs();
        if (!jobs.train()) {
            return SchedulerClient.Builder.create(dataSource, trainingJobTask).build();
        }
        Scheduler scheduler = Scheduler.create(dataSource, trainingJobTask)
                .schedulerName(new SchedulerName.Fixed(schedulerInstanceName))
                .threads(1)
                .pollingInterval(jobs.pollInterval())
                .heartbeatInterval(jobs.heartbeat())
                .missedHeartbeatsLimit(jobs.missedHeartbeats())
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(60))
                .build();
        return scheduler;
    }

    @Bean
    SchedulerLifecycle schedulerLifecycle(SchedulerClient schedulerClient) {
        return new SchedulerLifecycle(schedulerClient);
    }
}
