package io.github.rnnserving.web;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The error body for a family of paths whose clients speak a wire protocol with its own error
 * shape (the Open Inference Protocol's {@code {"error": "..."}}), where RFC 9457 would not be
 * understood. A feature declares it as a bean; the problem handler, the error page and the
 * filters still decide status, wording and logging, and only the body's form changes.
 */
public interface ErrorBodyFormat {

    /** Whether answers on {@code path} (the routed request path, before any error dispatch) take this form. */
    boolean appliesTo(String path);

    /** The body to send instead of {@code problem}, which keeps its status and headers. */
    Object body(ProblemDetail problem);

    MediaType mediaType();
}
