package io.github.rnnserving.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Problem JSON written by servlet filters, which answer before Spring MVC's handlers exist. */
final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    static void write(
            ErrorBodies bodies,
            HttpServletRequest request,
            HttpServletResponse response,
            ProblemType type,
            HttpStatus status,
            String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(type, status, detail);
        Optional<ErrorBodyFormat> format = bodies.forRequest(request);
        String body = JSON.writeValueAsString(
                format.isPresent() ? format.get().body(problem) : Problems.asMap(problem, request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(
                format.map(f -> f.mediaType().toString()).orElse(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }
}
