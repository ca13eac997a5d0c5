package io.github.rnnserving.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingSettingsTest {

    private static final ServingSettings DEFAULTS =
            new ServingSettings(true, 32, Duration.ofMillis(1), 512, Duration.ofSeconds(30));

    @TempDir
    Path bundle;

    @Test
    void withoutServingJsonTheDefaultsServe() {
        assertThat(ServingFile.settings(bundle, DEFAULTS)).isEqualTo(DEFAULTS);
    }

    @Test
    void servingJsonOverridesTheFieldsItNames() throws IOException {
        Files.writeString(
                bundle.resolve("serving.json"),
                "{\"maxBatchSize\": 8, \"maxBatchDelay\": \"500us\", \"requestTimeout\": \"5s\"}");
        ServingSettings settings = ServingFile.settings(bundle, DEFAULTS);
        assertThat(settings)
                .isEqualTo(new ServingSettings(true, 8, Duration.ofNanos(500_000), 512, Duration.ofSeconds(5)));
        assertThat(settings.warmUpBatchSizes()).containsExactly(1, 2, 4, 8);
    }

    @Test
    void batchingCanBeSwitchedOffForOneModel() throws IOException {
        Files.writeString(bundle.resolve("serving.json"), "{\"batching\": false}");
        assertThat(ServingFile.settings(bundle, DEFAULTS).batching()).isFalse();
    }

    @Test
    void aWrongValueIsRefusedNamingItsField() throws IOException {
        Files.writeString(bundle.resolve("serving.json"), "{\"maxBatchSize\": 0}");
        assertThatThrownBy(() -> ServingFile.settings(bundle, DEFAULTS))
                .hasMessageContaining("maxBatchSize must be 1 to");
        Files.writeString(bundle.resolve("serving.json"), "{\"maxBatchDelay\": \"soon\"}");
        assertThatThrownBy(() -> ServingFile.settings(bundle, DEFAULTS))
                .hasMessageContaining("maxBatchDelay must be a duration");
        Files.writeString(bundle.resolve("serving.json"), "{\"maxBatchSise\": 4}");
        assertThatThrownBy(() -> ServingFile.settings(bundle, DEFAULTS))
                .hasMessageContaining("serving.json is not valid")
                .hasMessageContaining("maxBatchSise");
    }

    @Test
    void warmUpCoversEveryBatchSizeUpToTheMaximum() {
        assertThat(DEFAULTS.warmUpBatchSizes()).containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(new ServingSettings(true, 20, Duration.ZERO, 1, Duration.ofSeconds(1)).warmUpBatchSizes())
                .containsExactly(1, 2, 4, 8, 16, 20);
    }

    @Test
    void theThreadPlanNeverTakesMoreThanTheCores() {
        assertThat(ThreadPlan.of(2, 1, 1, 0)).isEqualTo(new ThreadPlan(2, 1, 1, 1));
        assertThat(ThreadPlan.of(16, 2, 1, 0)).isEqualTo(new ThreadPlan(16, 2, 1, 4));
        assertThatThrownBy(() -> ThreadPlan.of(2, 1, 1, 3))
                .hasMessageContaining("rnn.serving.forward-workers (3) × rnn.serving.intra-op-threads (1) is more than"
                        + " the 2 cores");
    }
}
