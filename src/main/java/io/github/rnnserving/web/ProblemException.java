package io.github.rnnserving.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A client's mistake that the HTTP edges ({@code classify}, {@code jobs}, {@code registry}) throw:
 * the problem it answers (type, title, status, detail, field) travels with it, so that {@link
 * ProblemHandler} maps every one alike without knowing the feature that threw it.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(ProblemType type, HttpStatus status, String detail, String field, Throwable cause) {
        super(status, problem(type, status, detail, field), cause);
    }

    /** The detail alone, as before: callers and logs read the message, not Spring's summary of the body. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problem(ProblemType type, HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title(status));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
