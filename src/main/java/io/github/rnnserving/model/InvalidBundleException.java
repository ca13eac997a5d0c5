package io.github.rnnserving.model;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A model folder that cannot be loaded: missing, corrupt or inconsistent files. When a request
 * meets one it is answered 422 {@code /problems/invalid-model}; the type and title are written out
 * here because the domain does not depend on {@code web} (they match {@code web.ProblemType}).
 */
public class InvalidBundleException extends ErrorResponseException {

    static final URI TYPE = URI.create("/problems/invalid-model");
    static final String TITLE = "Invalid model";

    public InvalidBundleException(String message) {
        this(message, null);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, problem(message), cause);
    }

    /** The detail alone: the CLI and the logs print the message, not Spring's summary of the body. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problem(String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, message);
        problem.setType(TYPE);
        problem.setTitle(TITLE);
        return problem;
    }
}
