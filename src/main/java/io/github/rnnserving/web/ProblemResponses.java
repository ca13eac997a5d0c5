package io.github.rnnserving.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Problem JSON written by servlet filters, which answer before Spring MVC's handlers exist. */
final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            ProblemType type,
            HttpStatus status,
            String detail)
            throws IOException {
        String body =
                JSON.writeValueAsString(Problems.asMap(Problems.of(type, status, detail), request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }
}
