package io.github.rnnserving.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds every problem body the service sends, so that all carry a type, a title and the correlation id. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title(status));
        String id = CorrelationId.current();
        if (id != null) {
            problem.setProperty(CorrelationId.KEY, id);
        }
        return problem;
    }

    public static ProblemDetail of(ProblemType type, HttpStatus status, String detail, String field) {
        ProblemDetail problem = of(type, status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** True for a problem a feature's exception built (a {@code /problems/} type), not one of Spring's. */
    static boolean isOwn(ProblemDetail problem) {
        return problem.getType() != null && problem.getType().toString().startsWith("/problems/");
    }

    /**
     * A feature's problem as answered: the same type, title, status and field, the detail cleaned
     * of anything internal, and the request's correlation id.
     */
    static ProblemDetail from(ProblemDetail own) {
        HttpStatus status = HttpStatus.valueOf(own.getStatus());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, PublicText.clean(own.getDetail()));
        problem.setType(own.getType());
        problem.setTitle(own.getTitle());
        if (own.getProperties() != null) {
            own.getProperties().forEach(problem::setProperty);
        }
        String id = CorrelationId.current();
        if (id != null) {
            problem.setProperty(CorrelationId.KEY, id);
        }
        return problem;
    }

    /** The same problem as a plain map, for the filters and the error page, which write JSON themselves. */
    static Map<String, Object> asMap(ProblemDetail problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", instance);
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
