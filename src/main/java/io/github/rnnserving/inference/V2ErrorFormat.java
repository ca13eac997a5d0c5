package io.github.rnnserving.inference;

import io.github.rnnserving.web.ErrorBodyFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Every answer on {@code /v2} that is an error (Spring's own too: unreadable JSON, no such path,
 * wrong method or content type, a body over the size limit) takes the protocol's
 * {@code {"error": "..."}} form, since its clients read nothing else.
 */
@Component
class V2ErrorFormat implements ErrorBodyFormat {

    @Override
    public boolean appliesTo(String path) {
        return path.equals("/v2") || path.startsWith("/v2/");
    }

    @Override
    public Object body(ProblemDetail problem) {
        String detail = problem.getDetail();
        return new V2Json.Error(detail == null || detail.isBlank() ? problem.getTitle() : detail);
    }

    @Override
    public MediaType mediaType() {
        return MediaType.APPLICATION_JSON;
    }
}
