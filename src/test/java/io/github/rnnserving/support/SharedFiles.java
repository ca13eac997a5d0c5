package io.github.rnnserving.support;

import java.nio.file.Path;

/** Where the shared datasets and PyTorch golden files live, next to the checkout. */
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
}
