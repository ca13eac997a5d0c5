package io.github.rnnserving.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A graceful stop (SIGTERM) in the middle of a job, on the default embedded H2 database and on
 * PostgreSQL: the job
 * goes back to the queue without an error in the log and without using up an attempt, and the
 * next start finishes it.
 */
class JobShutdownIT {

    private static final String JOB = """
            {"model": "names-shutdown", "dataset": "names", "limit": 6000,
             "architecture": {"cell": "gru", "hiddenSize": 32, "bidirectional": true, "embeddingSize": 16},
             "training": {"epochs": 6, "batchSize": 32, "learningRate": 0.005}}""";

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aStoppedJobGoesBackToTheQueueCleanly(String database, @TempDir Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "rnn.models-dir", dir.resolve("models").toString(),
                "rnn.state-dir", dir.resolve("state").toString(),
                "rnn.data-dir", SharedFiles.data().toString(),
                "rnn.jobs.poll-interval", "500ms",
                "rnn.jobs.progress-interval", "100ms"));
        if (database.equals("postgresql")) {
            settings.putAll(TestPostgres.required().freshSchema("shutdown_it"));
        }
        Path firstLog = ServiceProcess.logFile("job-shutdown-" + database + "-first");
        String id;
        ServiceProcess first = ServiceProcess.start(settings, firstLog);
        try {
            id = first.submit(JOB);
            JsonNode running = first.await(
                    id,
                    job -> ServiceProcess.ended(job)
                            || (job.get("state").asString().equals("RUNNING")
                                    && job.path("progress").path("step").asInt() > 0),
                    Duration.ofMinutes(3));
            assertThat(running.get("state").asString()).as("stopped mid-job").isEqualTo("RUNNING");
            first.terminate();
        } finally {
            first.close();
        }
        List<String> lines = Files.readAllLines(firstLog);
        assertThat(lines).as("the first process's log").noneMatch(line -> line.contains(" ERROR "));
        assertThat(lines).anyMatch(line -> line.contains("goes back to the queue"));

        try (ServiceProcess second =
                ServiceProcess.start(settings, ServiceProcess.logFile("job-shutdown-" + database + "-second"))) {
            JsonNode done = second.await(id, ServiceProcess::ended, Duration.ofMinutes(4));
            assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("attempts").asInt())
                    .as("a graceful stop costs no attempt")
                    .isEqualTo(1);
        }
    }
}
