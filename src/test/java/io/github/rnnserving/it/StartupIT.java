package io.github.rnnserving.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.CudaDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar started on the default models, as a user starts it: every model serves, and a host
 * without an NVIDIA driver gets no CUDA warning from DJL's GPU probe and no deprecation warning
 * from libtorch (the first came twice and the second once on every start before).
 */
class StartupIT {

    @Test
    void startsOnTheDefaultModelsWithoutCudaOrLibtorchWarnings(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        ServiceProcess.copyDefaultModels(models);
        Path log = ServiceProcess.logFile("startup");
        long started = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.start(
                Map.of(
                        "rnn.models-dir",
                        models.toString(),
                        "rnn.state-dir",
                        dir.resolve("state").toString()),
                log)) {
            System.out.printf(
                    "StartupIT: ready %.1f s after the process started%n", (System.nanoTime() - started) / 1e9);
            assertThat(service.get("/models").toString())
                    .contains(
                            "\"mnist\"",
                            "\"fashion-mnist\"",
                            "\"names\"",
                            "\"sentiment-en\"",
                            "\"sentiment-zh\"",
                            "\"names-stream\"",
                            "\"mnist-stream\"");
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("libtorch's stderr").noneMatch(line -> line.contains("AutoNonVariableTypeMode"));
        if (!CudaDriver.present()) {
            assertThat(lines).noneMatch(line -> line.contains("Failed to detect GPU count"));
            assertThat(lines)
                    .anyMatch(line -> line.contains("on the CPU: no NVIDIA driver here (libcuda.so.1 not found)"));
        }
    }
}
