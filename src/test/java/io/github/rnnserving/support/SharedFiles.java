package io.github.rnnserving.support;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared datasets and PyTorch golden files live, next to the checkout. Tests that need
 * them ask through {@link #requireData(String)}: on CI ({@code CI=true}) a missing file fails the
 * test, so a broken checkout cannot pass green; elsewhere the test is skipped with the path it
 * looked for, visible in the report.
 */
public final class SharedFiles {

    private SharedFiles() {}

    public static Path root() {
        return Path.of(System.getProperty("rnn.shared-dir", "../shared"))
                .toAbsolutePath()
                .normalize();
    }

    public static Path golden() {
        return root().resolve("golden");
    }

    public static Path data() {
        return root().resolve("data");
    }

    /** {@link #data()}, once it exists (see the class comment for what happens when it does not). */
    public static Path requireData() {
        return require(data());
    }

    /** A file or folder under {@link #data()}, such as {@code "mnist"} or {@code "names"}. */
    public static Path requireData(String relative) {
        return require(data().resolve(relative));
    }

    /** {@link #golden()}, once it exists. */
    public static Path requireGolden() {
        return require(golden());
    }

    static Path require(Path path) {
        if (Files.exists(path)) {
            return path;
        }
        String reason = "shared test data missing: " + path
                + " (check out the shared folder next to the project, or set -Drnn.shared-dir)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        Assumptions.abort(reason);
        return path;
    }
}
