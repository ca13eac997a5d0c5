package io.github.rnnserving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The service starts with no model and no admin token configured: it generates the token. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "rnn.models-dir=target/no-models",
            "rnn.state-dir=./target/app-test-state",
            "rnn.security.token-file=target/generated-admin-token"
        })
class RnnServingApplicationTest {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void startsAWebServerAndWritesAGeneratedTokenForTheOwnerOnly() throws Exception {
        assertThat(context.getId()).isEqualTo("rnn-serving");
        assertThat(port).isPositive();
        java.nio.file.Path token = java.nio.file.Path.of("target/generated-admin-token");
        assertThat(java.nio.file.Files.readString(token).trim()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(java.nio.file.Files.getPosixFilePermissions(token))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theJobEventsThreadLeavesSpringBootsOwnExecutorAndSchedulerInPlace() {
        // the job-events scheduler is not a default candidate: Boot's beans must not back off
        assertThat(context.containsBean("applicationTaskExecutor")).isTrue();
        assertThat(context.containsBean("taskScheduler")).isTrue();
        assertThat(context.containsBean("jobEventsScheduler")).isTrue();
    }
}
