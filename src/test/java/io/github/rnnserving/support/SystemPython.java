package io.github.rnnserving.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Python with Debian's PyTorch ({@code python3-torch}, at {@code /usr/bin/python3}: the
 * {@code python3} first on PATH may be another one), for tests that run the project's Python tools
 * as a user would. Missing, the test fails on CI ({@code CI=true}; {@code .ci/run} installs it)
 * and is skipped elsewhere, as {@link SharedFiles} does for the datasets.
 */
public final class SystemPython {

    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 300;

    private SystemPython() {}

    /** Runs {@code python3 script args…}; fails the test with the script's output when it fails. */
    public static String run(Path script, String... args) throws IOException, InterruptedException {
        requireTorch();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("python-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(script.getFileName() + " ran over " + TIMEOUT_SECONDS + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail(script.getFileName() + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static void requireTorch() throws IOException, InterruptedException {
        String reason = null;
        if (!Files.isExecutable(PYTHON)) {
            reason = PYTHON + " is missing (apt-get install python3-torch)";
        } else {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, numpy")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                probe.destroyForcibly();
                reason = PYTHON + " cannot import torch and numpy (apt-get install python3-torch)";
            }
        }
        if (reason == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        Assumptions.abort(reason);
    }
}
