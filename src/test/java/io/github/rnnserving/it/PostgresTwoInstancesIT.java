package io.github.rnnserving.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two service processes on two ports share one PostgreSQL job queue and one models folder: a
 * job submitted to one runs exactly once, and its model is served by both. {@code .ci/run}
 * starts PostgreSQL and sets {@code RNN_TEST_POSTGRES_URL}, {@code _USER} and {@code _PASSWORD};
 * elsewhere the test is skipped without them, but never on CI.
 */
class PostgresTwoInstancesIT {

    private static final String JOB = """
            {"model": "names-shared", "dataset": "names", "limit": 1500,
             "architecture": {"cell": "gru", "hiddenSize": 16, "bidirectional": true, "embeddingSize": 16},
             "training": {"epochs": 2, "batchSize": 64, "learningRate": 0.01}}""";

    @Test
    void twoInstancesShareTheQueueAndAJobRunsOnce(@TempDir Path dir) throws Exception {
        TestPostgres postgres = TestPostgres.required();
        postgres.execute("drop table if exists training_jobs", "drop table if exists scheduled_tasks");
        Map<String, String> settings = new HashMap<>(Map.of(
                "rnn.models-dir",
                dir.resolve("models").toString(),
                "rnn.state-dir",
                dir.resolve("state").toString(),
                "rnn.data-dir",
                SharedFiles.data().toString(),
                "rnn.jobs.poll-interval",
                "500ms",
                "rnn.models-refresh",
                "1s",
                "spring.datasource.url",
                postgres.url(),
                "spring.datasource.username",
                postgres.user(),
                "spring.datasource.password",
                postgres.password()));
        try (ServiceProcess a = ServiceProcess.start(settings, ServiceProcess.logFile("postgres-a"));
                ServiceProcess b = ServiceProcess.start(settings, ServiceProcess.logFile("postgres-b"))) {
            String id = a.submit(JOB);
            // submitted to one, followed on the other: the queue is the database's
            JsonNode done = b.await(id, ServiceProcess::ended, Duration.ofMinutes(3));
            assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("attempts").asInt()).isEqualTo(1);
            try (Stream<Path> versions = Files.list(dir.resolve("models/names-shared"))) {
                assertThat(versions.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+")))
                        .containsExactly("1");
            }
            for (ServiceProcess instance : new ServiceProcess[] {a, b}) {
                Instant deadline = Instant.now().plusSeconds(30);
                while (!instance.get("/models").toString().contains("\"name\":\"names-shared\"")) {
                    assertThat(Instant.now())
                            .as("model visible from both instances")
                            .isBefore(deadline);
                    Thread.sleep(200);
                }
                assertThat(instance.post("/classify", "{\"model\": \"names-shared\", \"text\": \"Nakamura\"}")
                                .statusCode())
                        .isEqualTo(200);
            }

            // two jobs at once: each runs exactly once, whichever instance takes it
            String first = a.submit(JOB.replace("names-shared", "names-shared-2"));
            String second = a.submit(JOB.replace("names-shared", "names-shared-3"));
            JsonNode one = b.await(first, ServiceProcess::ended, Duration.ofMinutes(3));
            JsonNode two = b.await(second, ServiceProcess::ended, Duration.ofMinutes(3));
            assertThat(one.get("state").asString()).isEqualTo("SUCCEEDED");
            assertThat(two.get("state").asString()).isEqualTo("SUCCEEDED");
            assertThat(one.get("attempts").asInt()).isEqualTo(1);
            assertThat(two.get("attempts").asInt()).isEqualTo(1);
            System.out.printf(
                    "jobs ran on %s and %s%n",
                    one.get("ranBy").asString(), two.get("ranBy").asString());
        }
    }
}
