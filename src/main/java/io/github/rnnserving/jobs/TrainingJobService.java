package io.github.rnnserving.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.web.InvalidInputException;
import io.github.rnnserving.web.ServiceBusyException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Submits, lists and cancels training jobs; the scheduler runs them. */
@Service
public class TrainingJobService {

    private final TrainingJobRepository jobs;
    private final SchedulerClient scheduler;
    private final Task<Void> task;
    private final JobRequests requests;
    private final int maxQueued;

    TrainingJobService(
            TrainingJobRepository jobs,
            SchedulerClient scheduler,
            Task<Void> trainingJobTask,
            RnnProperties properties) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.task = trainingJobTask;
        this.requests = new JobRequests(properties.dataPath());
        this.maxQueued = properties.jobs().maxQueued();
    }

    /** Checks the request in full, then queues it behind every job submitted before. */
    public TrainingJob submit(TrainingJobRequest request) {
        requests.toTrainingRequest(request);
        String id = UUID.randomUUID().toString();
        // microseconds: the databases keep no finer, and the order of submission must survive
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!jobs.insertIfRoom(id, request.model(), request, now, maxQueued)) {
            throw new ServiceBusyException("the training queue is full: " + maxQueued
                    + " jobs are waiting (rnn.jobs.max-queued); retry when one has started");
        }
        scheduler.schedule(task.instance(id), now);
        return get(id);
    }

    public TrainingJob get(String id) {
        return jobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    public List<TrainingJob> page(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "page must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw new InvalidInputException("size", "size must be 1 to 100");
        }
        return jobs.page(page, size);
    }

    public long count() {
        return jobs.count();
    }

    /** A queued job ends CANCELLED now; a running one at its next step. Ended jobs stay as they are. */
    public TrainingJob cancel(String id) {
        TrainingJob job = get(id);
        if (job.state().isTerminal()) {
            return job;
        }
        if (jobs.requestCancel(id)) {
            try {
                scheduler.cancel(TaskInstanceId.of(JobScheduling.TASK, id));
            } catch (RuntimeException alreadyPicked) {
                // a scheduler picked it in the meantime: the runner finds it CANCELLED and stops
            }
        }
        return get(id);
    }
}
