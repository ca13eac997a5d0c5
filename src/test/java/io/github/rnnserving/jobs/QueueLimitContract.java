package io.github.rnnserving.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.support.TinyModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@code rnn.jobs.max-queued} holds when many clients submit at the same instant: exactly that
 * many jobs are queued and every other submission gets a 503. Nothing trains here
 * ({@code rnn.jobs.train=false}), so the queue only fills. Run on each job database.
 */
abstract class QueueLimitContract {

    static final String TOKEN = "queue-token";
    static final int MAX_QUEUED = 5;
    static final int CLIENTS = 24;
    private static final String JOB = """
            {"model": "queued", "dataset": "names", "limit": 500,
             "architecture": {"cell": "gru", "hiddenSize": 8, "embeddingSize": 8},
             "training": {"epochs": 1}}""";

    @LocalServerPort
    int port;

    static void commonSettings(DynamicPropertyRegistry registry) throws IOException {
        Path models = Files.createTempDirectory("rnn-queue-models");
        TinyModels.writeTextModel(models, "abc");
        Path state = Files.createTempDirectory("rnn-queue-state");
        registry.add("rnn.models-dir", models::toString);
        registry.add("rnn.state-dir", state::toString);
        registry.add("rnn.data-dir", () -> SharedFiles.data().toString());
        registry.add("rnn.security.admin-token", () -> TOKEN);
        registry.add("rnn.jobs.max-queued", () -> String.valueOf(MAX_QUEUED));
        registry.add("rnn.jobs.train", () -> "false");
    }

    @Test
    void concurrentSubmissionsNeverOverfillTheQueue() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest submit = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/training-jobs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(JOB))
                .build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return http.send(submit, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.merge(answer.get().statusCode(), 1, Integer::sum);
            }
            assertThat(statuses)
                    .as("statuses of %d simultaneous submissions", CLIENTS)
                    .isEqualTo(Map.of(202, MAX_QUEUED, 503, CLIENTS - MAX_QUEUED));
        } finally {
            clients.shutdownNow();
        }
        HttpResponse<String> listing = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/training-jobs?size=100"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listing.body().split("\"state\":\"QUEUED\"", -1)).hasSize(MAX_QUEUED + 1);
    }
}
