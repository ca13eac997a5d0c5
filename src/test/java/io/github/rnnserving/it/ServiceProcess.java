package io.github.rnnserving.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The built jar started as a real process, as a user runs it, so a test can kill it outright. */
final class ServiceProcess implements AutoCloseable {

    static final String TOKEN = "it-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A fresh log file under target/it-logs, kept after the test for reading. */
    static Path logFile(String name) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "it-logs"));
        Path file = folder.resolve(name + ".log");
        Files.deleteIfExists(file);
        return file;
    }

    /** Copies the default models ({@code models/}) to {@code to}, so a test may add versions freely. */
    static void copyDefaultModels(Path to) throws IOException {
        Path from = Path.of("models");
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** Starts {@code target/rnn-serving.jar} with {@code settings} as command-line properties. */
    static ServiceProcess start(Map<String, String> settings, Path log) throws IOException {
        String jar = System.getProperty("rnn.jar", "target/rnn-serving.jar");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-Dai.djl.offline=true",
                "-jar",
                jar,
                "--server.port=" + port,
                "--rnn.security.admin-token=" + TOKEN));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitReady(Duration.ofMinutes(2));
        return service;
    }

    private void awaitReady(Duration timeout) {
        try {
            Awaitility.await("the service ready")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250))
                    .until(this::ready);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the service was not ready within " + timeout + "; log: " + tail());
        }
    }

    private boolean ready() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            // thrown out of the wait at once: a dead process will never be ready
            throw new IllegalStateException("the service exited with " + process.exitValue() + "; log: " + tail());
        }
        try {
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ready.statusCode() == 200;
        } catch (IOException notYet) {
            // not listening yet
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no chance to requeue, as a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as Kubernetes or Ctrl-C stops the service, then waits for the process to end. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service did not stop within 90 s of SIGTERM; log: " + tail());
        }
        return process.exitValue();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String submit(String json) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/training-jobs", json);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("submit: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asString();
    }

    JsonNode await(String jobId, Predicate<JsonNode> condition, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return Awaitility.await("job " + jobId)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                last.set(get("/training-jobs/" + jobId));
                                return last.get();
                            },
                            condition);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "job " + jobId + " never met the condition; last seen " + last.get() + "; log: " + tail());
        }
    }

    static boolean ended(JsonNode job) {
        return List.of("SUCCEEDED", "FAILED", "CANCELLED")
                .contains(job.get("state").asString());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Where a browser opens the service, such as {@code http://localhost:41234/}. */
    String baseUrl() {
        return uri("/").toString();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
