package io.github.rnnserving.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.Folders;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.serving.ServingEngine;
import io.github.rnnserving.serving.ServingSettings;
import io.github.rnnserving.serving.ThreadPlan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The folder layout under KServe really serves: KServe puts one model's folder at /mnt/models; the
 * ServingRuntime's own command (run here by sh, with a stand-in for java and /mnt/models moved
 * into a temporary folder) links it under the model's name, and the registry serves it from there.
 */
class KServeModelLayoutTest {

    @Test
    void theRuntimeCommandLinksOneModelsFolderSoTheRegistryServesIt() throws Exception {
        Path root = Files.createTempDirectory("rnn-kserve-layout");
        try {
            Path mnt = root.resolve("mnt-models");
            copyTree(Path.of("models", "names"), mnt);
            Path started = root.resolve("started");
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s' \"$RNN_MODELS_DIR\" > '" + started + "'\n");
            bin.resolve("java").toFile().setExecutable(true);

            JsonNode container = TypedKubernetesModel.YAML
                    .readTree(Files.readString(Path.of("deploy", "kserve", "servingruntime.yaml")))
                    .path("spec")
                    .path("containers")
                    .get(0);
            String script = container.path("command").get(2).asString().replace("/mnt/models", mnt.toString());
            Path modelsDir = root.resolve("tmp/rnn/models");
            ProcessBuilder sh = new ProcessBuilder("sh", "-c", script, "rnn-serving", "names").inheritIO();
            Map<String, String> env = sh.environment();
            env.put("PATH", bin + ":" + env.get("PATH"));
            env.put("RNN_MODELS_DIR", modelsDir.toString());
            env.put("RNN_STATE_DIR", root.resolve("tmp/rnn/state").toString());
            env.put("RNN_DATA_DIR", root.resolve("tmp/rnn/data").toString());
            env.put("JAVA_OPTS", "");
            Process process = sh.start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(Files.readString(started)).isEqualTo(modelsDir.toString());
            assertThat(Files.readSymbolicLink(modelsDir.resolve("names"))).isEqualTo(mnt);

            RnnProperties properties = new Binder(
                            new MapConfigurationPropertySource(Map.of("rnn.models-dir", modelsDir.toString())))
                    .bindOrCreate("rnn", RnnProperties.class);
            ServingSettings settings = new ServingSettings(true, 8, Duration.ZERO, 1_000, Duration.ofMinutes(1));
            ServingEngine engine = new ServingEngine(new ThreadPlan(2, 1, 1, 1), settings, new SimpleMeterRegistry());
            ModelRegistry registry = new ModelRegistry(properties, engine);
            try {
                assertThat(registry.names()).containsExactly("names");
                String version =
                        Files.readString(mnt.resolve("serving-version")).strip();
                assertThat(registry.servingManifest("names").version()).isEqualTo(version);
            } finally {
                registry.destroy();
                engine.destroy();
            }
        } finally {
            Folders.deleteTree(root);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path target = to.resolve(from.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(target);
            } else {
                Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
