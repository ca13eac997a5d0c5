package io.github.rnnserving.support;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** MockMvc matchers for RFC 9457 problem responses. */
public final class ProblemMatchers {

    private ProblemMatchers() {}

    public static ResultMatcher problem(int status, String title) {
        return allOf(
                status().is(status),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.status").value(status),
                jsonPath("$.title").value(title),
                jsonPath("$.detail").isNotEmpty());
    }

    /** A 400 naming the request field at fault. */
    public static ResultMatcher invalid(String field) {
        return allOf(problem(400, "Invalid input"), jsonPath("$.field").value(field));
    }

    /** Every matcher in turn (Spring 7 dropped {@code ResultMatcher.matchAll}). */
    public static ResultMatcher allOf(ResultMatcher... matchers) {
        return result -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }
}
