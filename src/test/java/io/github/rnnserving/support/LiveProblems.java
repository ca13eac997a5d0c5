package io.github.rnnserving.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions on problem responses from a real running service (the bad-input corpus): RFC 9457
 * shape, the status expected, the field at fault, and nothing of the server's insides in the body.
 */
public final class LiveProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What must never reach a client: Java or library class names, stack frames, Jackson's own
     * wording, libtorch's, or a server path.
     */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|io\\.github\\.|\\bai\\.djl\\.|tools\\.jackson|com\\.fasterxml"
                    + "|org\\.springframework|org\\.apache|\\w+Exception\\b|\\bat [\\w.$]+\\(|through reference chain"
                    + "|FAIL_ON_|c10::|libtorch|/root/|/home/|/tmp/|/work/|/usr/|/var/|\\.java:\\d+)");

    private LiveProblems() {}

    /** The body as problem JSON, after checking shape, status and the absence of internals. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status) {
        String body = response.body();
        assertThat(response.statusCode()).as("status of %s", body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("content type of %s", body)
                .startsWith("application/problem+json");
        assertNoInternals(body);
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("type").asString("")).as("type in %s", body).isNotBlank();
        assertThat(problem.path("title").asString("")).as("title in %s", body).isNotBlank();
        assertThat(problem.path("status").asInt()).as("status in %s", body).isEqualTo(status);
        assertThat(problem.path("detail").asString("")).as("detail in %s", body).isNotBlank();
        return problem;
    }

    /** As {@link #assertProblem(HttpResponse, int)}, naming {@code field} as the one at fault. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String field) {
        JsonNode problem = assertProblem(response, status);
        assertThat(problem.path("field").asString(""))
                .as("field in %s", response.body())
                .isEqualTo(field);
        return problem;
    }

    public static void assertNoInternals(String body) {
        assertThat(INTERNALS.matcher(body).find())
                .as("server internals in %s", body)
                .isFalse();
    }
}
