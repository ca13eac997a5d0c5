package io.github.rnnserving.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code training_jobs} table. State changes are compare-and-set on the state they leave, so
 * two instances (or a cancel racing a start) can never both move a job.
 */
@Repository
class TrainingJobRepository {

    private static final int MAX_FAILURE_LENGTH = 4000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json = JsonMapper.builder().build();

    TrainingJobRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Queues the job unless {@code maxQueued} jobs are already waiting, in one transaction that
     * holds the queue's lock row: concurrent submissions, on this instance or another, are counted
     * one after the other, so the limit holds exactly.
     *
     * @return false when the queue is full (nothing was inserted)
     */
    boolean insertIfRoom(String id, String model, TrainingJobRequest request, Instant createdAt, int maxQueued) {
        Boolean inserted = transaction.execute(status -> {
            jdbc.sql("update training_queue_lock set id = id where id = 1").update();
            if (countQueued() >= maxQueued) {
                return false;
            }
            insert(id, model, request, createdAt);
            return true;
        });
        return Boolean.TRUE.equals(inserted);
    }

    private void insert(String id, String model, TrainingJobRequest request, Instant createdAt) {
        jdbc.sql("""
                insert into training_jobs (id, model, state, request, created_at, revision, attempts, cancel_requested)
                values (:id, :model, 'QUEUED', :request, :createdAt, 1, 0, false)""")
                .param("id", id)
                .param("model", model)
                .param("request", json.writeValueAsString(request))
                .param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    Optional<TrainingJob> find(String id) {
        return jdbc.sql("select * from training_jobs where id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Newest first. */
    List<TrainingJob> page(int page, int size) {
        return jdbc.sql("select * from training_jobs order by created_at desc, id desc limit :size offset :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(this::map)
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from training_jobs").query(Long.class).single();
    }

    long countQueued() {
        return jdbc.sql("select count(*) from training_jobs where state = 'QUEUED'")
                .query(Long.class)
                .single();
    }

    /** QUEUED or RUNNING (after a crash) → RUNNING, counting the attempt; false if it had ended. */
    boolean start(String id, String instance) {
        return jdbc.sql("""
                update training_jobs set state = 'RUNNING', attempts = attempts + 1, ran_by = :instance,
                  started_at = coalesce(started_at, :now), revision = revision + 1
                where id = :id and state in ('QUEUED', 'RUNNING')""")
                        .param("id", id)
                        .param("instance", instance)
                        .param("now", Timestamp.from(Instant.now()))
                        .update()
                == 1;
    }

    void progress(String id, JobProgress progress) {
        jdbc.sql("""
                update training_jobs set progress = :progress, revision = revision + 1
                where id = :id and state = 'RUNNING'""")
                .param("id", id)
                .param("progress", json.writeValueAsString(progress))
                .update();
    }

    boolean succeed(String id, String modelVersion, JobResult result) {
        return end(id, JobState.SUCCEEDED, "model_version = :version, result = :result,")
                        .param("version", modelVersion)
                        .param("result", json.writeValueAsString(result))
                        .update()
                == 1;
    }

    boolean fail(String id, String reason) {
        String failure = reason == null ? "unknown" : reason;
        return end(id, JobState.FAILED, "failure = :failure,")
                        .param(
                                "failure",
                                failure.length() > MAX_FAILURE_LENGTH
                                        ? failure.substring(0, MAX_FAILURE_LENGTH)
                                        : failure)
                        .update()
                == 1;
    }

    boolean cancelled(String id) {
        return end(id, JobState.CANCELLED, "").update() == 1;
    }

    /** Back to the queue when this instance shuts down mid-run; the start is not held against it. */
    void requeue(String id) {
        jdbc.sql("""
                update training_jobs set state = 'QUEUED', attempts = attempts - 1, revision = revision + 1
                where id = :id and state = 'RUNNING'""").param("id", id).update();
    }

    /** A queued job is cancelled at once; a running one is flagged and stops at its next step. */
    boolean requestCancel(String id) {
        int queued = jdbc.sql("""
                update training_jobs set state = 'CANCELLED', cancel_requested = true, finished_at = :now,
                  revision = revision + 1
                where id = :id and state = 'QUEUED'""")
                .param("id", id)
                .param("now", Timestamp.from(Instant.now()))
                .update();
        if (queued == 1) {
            return true;
        }
        jdbc.sql("""
                update training_jobs set cancel_requested = true, revision = revision + 1
                where id = :id and state = 'RUNNING' and cancel_requested = false""").param("id", id).update();
        return false;
    }

    boolean isCancelRequested(String id) {
        return jdbc.sql("select cancel_requested from training_jobs where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    /** RUNNING → an end state, setting {@code columns} (named parameters left for the caller). */
    private JdbcClient.StatementSpec end(String id, JobState state, String columns) {
        return jdbc.sql("update training_jobs set state = :state, " + columns
                        + " finished_at = :now, revision = revision + 1 where id = :id and state = 'RUNNING'")
                .param("id", id)
                .param("state", state.name())
                .param("now", Timestamp.from(Instant.now()));
    }

    private TrainingJob map(ResultSet row, int rowNumber) throws SQLException {
        return new TrainingJob(
                row.getString("id"),
                row.getString("model"),
                JobState.valueOf(row.getString("state")),
                json.readValue(row.getString("request"), TrainingJobRequest.class),
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("finished_at")),
                row.getLong("revision"),
                row.getInt("attempts"),
                row.getString("ran_by"),
                row.getBoolean("cancel_requested"),
                row.getString("progress") == null ? null : json.readValue(row.getString("progress"), JobProgress.class),
                row.getString("result") == null ? null : json.readValue(row.getString("result"), JobResult.class),
                row.getString("model_version"),
                row.getString("failure"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
