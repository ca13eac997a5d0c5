package io.github.rnnserving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.CudaDriver;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Without an NVIDIA driver, DJL's GPU probe logs errors only, by a default that every other source
 * of settings overrides.
 */
class GpuProbeLoggingTest {

    private static final String PROBE_LEVEL = "logging.level.ai.djl.util.cuda.CudaUtils";

    @Test
    void theProbeIsQuietOnlyWithoutADriver() {
        assertThat(RnnServingApplication.defaultProperties(false)).containsExactly(Map.entry(PROBE_LEVEL, "ERROR"));
        assertThat(RnnServingApplication.defaultProperties(true)).isEmpty();
    }

    @Test
    void aConfiguredLevelWinsOverTheDefault() {
        assertThat(levelWith()).isEqualTo("ERROR");
        assertThat(levelWith("--" + PROBE_LEVEL + "=WARN")).isEqualTo("WARN");
    }

    private static String levelWith(String... args) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(RnnServingApplication.defaultProperties(false));
        try (ConfigurableApplicationContext context = application.run(args)) {
            assertThat(context.getEnvironment().getProperty(PROBE_LEVEL)).isNotNull();
            // the level Logback applies to DJL's logger, as Spring's logging system set it
            ch.qos.logback.classic.Logger probe =
                    (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(CudaDriver.PROBE_LOGGER);
            return probe.getLevel().toString();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {}
}
