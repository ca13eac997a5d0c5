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
        assertThat(limits.queueTimeout()).isEqualTo(Duration.ofSeconds(10));
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
    void theQueueTimeoutTakesAUnitAndItsOldMillisecondName() {
        assertThat(bind(Map.of("rnn.limits.queue-timeout", "3s")).limits().queueTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(bind(Map.of("rnn.limits.queue-timeout-millis", "200"))
                        .limits()
                        .queueTimeout())
                .isEqualTo(Duration.ofMillis(200));
    }
}
