package io.github.rnnserving.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
        String url = System.getenv("RNN_TEST_POSTGRES_URL");
        String user = System.getenv().getOrDefault("RNN_TEST_POSTGRES_USER", "rnn");
        String password = System.getenv().getOrDefault("RNN_TEST_POSTGRES_PASSWORD", "rnn");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
            statement.execute("create schema " + SCHEMA);
        }
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        assertThat(scoped).startsWith("jdbc:postgresql:");
        registry.add("spring.datasource.url", () -> scoped);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> password);
    }
}
