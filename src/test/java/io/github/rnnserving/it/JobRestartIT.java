package io.github.rnnserving.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.support.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The process is killed (SIGKILL) in the middle of a job and started again on the same folders
 * and embedded database: the job is taken over once its heartbeat is stale, resumes after its
 * last finished epoch and succeeds.
 */
class JobRestartIT {

    private static final String JOB = """
            {"model": "names-restart", "dataset": "names", "limit": 8000,
             "architecture": {"cell": "gru", "hiddenSize": 32, "bidirectional": true, "embeddingSize": 16},
             "training": {"epochs": 8, "batchSize": 32, "learningRate": 0.005}}""";

    @Test
    void aKilledJobResumesFromItsLastCheckpointAfterRestart(@TempDir Path dir) throws Exception {
        Map<String, String> settings = Map.of(
                "rnn.models-dir", dir.resolve("models").toString(),
                "rnn.state-dir", dir.resolve("state").toString(),
                "rnn.data-dir", SharedFiles.data().toString(),
                "rnn.jobs.heartbeat", "1s",
                "rnn.jobs.missed-heartbeats", "4",
                "rnn.jobs.poll-interval", "500ms",
                "rnn.jobs.progress-interval", "100ms");
        Path log = ServiceProcess.logFile("job-restart");

        String id;
        ServiceProcess first = ServiceProcess.start(settings, log);
        try {
            id = first.submit(JOB);
            Path checkpoint = dir.resolve("state/checkpoints").resolve(id).resolve("state.json");
            JsonNode running = first.await(
                    id,
                    job -> ServiceProcess.ended(job)
                            || (Files.isRegularFile(checkpoint)
                                    && job.get("state").asString().equals("RUNNING")),
                    Duration.ofMinutes(3));
            first.kill();
            assertThat(running.get("state").asString()).as("killed mid-job").isEqualTo("RUNNING");
        } finally {
            first.close();
        }
        assertThat(dir.resolve("state/checkpoints").resolve(id)).isDirectory();

        try (ServiceProcess second = ServiceProcess.start(settings, log)) {
            JsonNode done = second.await(id, ServiceProcess::ended, Duration.ofMinutes(4));
            assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("attempts").asInt()).isEqualTo(2);
            assertThat(done.get("progress").get("resumedAfterEpoch").asInt())
                    .as(done.toString())
                    .isGreaterThanOrEqualTo(1);
            assertThat(done.get("progress").get("history")).hasSize(8);
            assertThat(done.get("modelVersion").asString()).isEqualTo("1");
            assertThat(second.get("/models").toString()).contains("\"name\":\"names-restart\"");
            assertThat(Files.exists(dir.resolve("state/checkpoints").resolve(id)))
                    .isFalse();
        }
    }
}
