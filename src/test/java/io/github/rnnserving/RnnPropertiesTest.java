package io.github.rnnserving;

import static org.assertj.core.api.Assertions.assertThat;

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
}
