package io.github.rnnserving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Settings bind with units, plain numbers keep their old meaning, and the old name still works. */
class RnnPropertiesTest {

    private static RnnProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("rnn", RnnProperties.class);
    }

    @Test
    void defaultsAreTheOldValues() {
        RnnProperties.Limits limits = bind(Map.of()).limits();
        assertThat(limits.maxRequestBytes().toBytes()).isEqualTo(10_485_760L);
        assertThat(limits.maxModelBytes().toBytes()).isEqualTo(268_435_456L);
        assertThat(limits.maxWeightsBytes().toBytes()).isEqualTo(1_073_741_824L);
        assertThat(limits.maxDecodeBytes().toBytes()).isEqualTo(134_217_728L);
        assertThat(bind(Map.of()).modelsRefresh()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void sizesTakeUnitsOrPlainBytes() {
        RnnProperties.Limits limits = bind(Map.of(
                        "rnn.limits.max-request-bytes", "2MB",
                        "rnn.limits.max-model-bytes", "2000"))
                .limits();
        assertThat(limits.maxRequestBytes()).isEqualTo(DataSize.ofMegabytes(2));
        assertThat(limits.maxModelBytes().toBytes()).isEqualTo(2000);
    }

    @Test
    void servingDefaultsBatchAndLeaveHalfTheCores() {
        RnnProperties.Serving serving = bind(Map.of()).serving();
        assertThat(serving.batching()).isTrue();
        assertThat(serving.maxBatchSize()).isEqualTo(32);
        assertThat(serving.maxBatchDelay()).isEqualTo(Duration.ofMillis(1));
        assertThat(serving.queueCapacity()).isEqualTo(512);
        assertThat(serving.forwardWorkers()).isZero();
        assertThat(bind(Map.of("rnn.serving.max-batch-delay", "250us"))
                        .serving()
                        .maxBatchDelay())
                .isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void sessionsDefaultToAGeneratedKeyAndBoundedUse() {
        RnnProperties.Sessions sessions = bind(Map.of()).sessions();
        assertThat(sessions.key()).isNull();
        assertThat(sessions.idleTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(sessions.maxActive()).isEqualTo(10_000);
        assertThat(sessions.maxTextPerStep()).isEqualTo(256);
        assertThat(sessions.maxSteps()).isEqualTo(1000);
    }

    @Test
    void anotherModelsFolderKeepsTheSessionSettings() {
        RnnProperties properties =
                bind(Map.of("rnn.sessions.key", "AAAAAAAAAAAAAAAAAAAAAA==", "rnn.sessions.idle-ttl", "30s"));
        RnnProperties moved = properties.withModelsDir(Path.of("elsewhere"));
        assertThat(moved.modelsDir()).isEqualTo(Path.of("elsewhere"));
        assertThat(moved.sessions()).isEqualTo(properties.sessions());
        assertThat(moved.sessions().key()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA==");
        assertThat(moved.sessions().idleTtl()).isEqualTo(Duration.ofSeconds(30));
    }
}
