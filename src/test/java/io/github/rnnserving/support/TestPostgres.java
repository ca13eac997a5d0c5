package io.github.rnnserving.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL that {@code .ci/run} starts ({@code scripts/start-test-postgres.sh} sets {@code
 * RNN_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}). Without it a test is skipped, but never
 * on CI, where its absence fails the test.
 */
public record TestPostgres(String url, String user, String password) {

    public static TestPostgres required() {
        String url = System.getenv("RNN_TEST_POSTGRES_URL");
        if (url == null) {
            assertThat(System.getenv("CI"))
                    .as("CI must provide PostgreSQL (RNN_TEST_POSTGRES_URL)")
                    .isNotEqualTo("true");
            Assumptions.abort("RNN_TEST_POSTGRES_URL is not set");
        }
        return new TestPostgres(
                url,
                System.getenv().getOrDefault("RNN_TEST_POSTGRES_USER", "rnn"),
                System.getenv().getOrDefault("RNN_TEST_POSTGRES_PASSWORD", "rnn"));
    }

    /** Runs each statement in order, e.g. to drop what an earlier run left. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Spring's datasource settings for a schema of its own, emptied first, so tests cannot see each other's jobs. */
    public Map<String, String> freshSchema(String schema) throws SQLException {
        execute("drop schema if exists " + schema + " cascade", "create schema " + schema);
        return Map.of(
                "spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.datasource.username", user,
                "spring.datasource.password", password);
    }
}
