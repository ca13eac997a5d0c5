package io.github.rnnserving.jobs;

import static io.github.rnnserving.support.ProblemMatchers.allOf;
import static io.github.rnnserving.support.ProblemMatchers.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import io.github.rnnserving.web.AdminToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * A bug is not the client's fault: an {@link IllegalArgumentException} or {@link
 * IllegalStateException} thrown by a service during a request is a 500 {@code
 * /problems/internal-error} with the correlation id, and the answer shows none of the exception's
 * text. Only the features' own exceptions become 4xx.
 */
@WebMvcTest(TrainingJobsController.class)
@Import(AdminToken.class)
class InternalErrorTest {

    private static final String SECRET = "index 7 out of bounds in /opt/rnn/models/names/3 (Vocabulary.java:91)";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TrainingJobService service;

    @MockitoBean
    JobEventStreams events;

    @Test
    void anIllegalArgumentExceptionFromAServiceIsAnInternalError() throws Exception {
        when(service.get(anyString())).thenThrow(new IllegalArgumentException(SECRET));
        mvc.perform(get("/training-jobs/42").header("X-Correlation-Id", "bug-1"))
                .andExpect(internalError("bug-1"));
    }

    @Test
    void anIllegalStateExceptionFromAServiceIsAnInternalError() throws Exception {
        when(service.page(anyInt(), anyInt())).thenThrow(new IllegalStateException(SECRET));
        mvc.perform(get("/training-jobs").header("X-Correlation-Id", "bug-2")).andExpect(internalError("bug-2"));
    }

    @Test
    void aFeaturesOwnExceptionStaysAClientError() throws Exception {
        when(service.get(anyString())).thenThrow(new JobNotFoundException("42"));
        mvc.perform(get("/training-jobs/42").header("X-Correlation-Id", "miss-1"))
                .andExpect(problem(404, "Training job not found"))
                .andExpect(jsonPath("$.type").value("/problems/job-not-found"))
                .andExpect(jsonPath("$.correlationId").value("miss-1"));
    }

    private static ResultMatcher internalError(String correlationId) {
        return allOf(
                problem(500, "Internal error"),
                jsonPath("$.type").value("/problems/internal-error"),
                jsonPath("$.correlationId").value(correlationId),
                header().string("X-Correlation-Id", correlationId),
                content().string(not(containsString("out of bounds"))),
                content().string(not(containsString("/opt/rnn"))),
                content().string(not(containsString("Illegal"))),
                content().string(not(containsString("Vocabulary"))));
    }
}
