package io.github.rnnserving.jobs;

import io.github.rnnserving.support.TestPostgres;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The queue limit on PostgreSQL, in a schema of its own. {@code .ci/run} starts PostgreSQL and
 * sets {@code RNN_TEST_POSTGRES_URL}; without it the test does not run ({@code CI=true} without
 * it fails in {@code PostgresTwoInstancesIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@EnabledIfEnvironmentVariable(named = "RNN_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class QueueLimitPostgresTest extends QueueLimitContract {

    private static final String SCHEMA = "queue_limit_test";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException, SQLException {
        commonSettings(registry);
        TestPostgres.required().freshSchema(SCHEMA).forEach((key, value) -> registry.add(key, () -> value));
    }
}
