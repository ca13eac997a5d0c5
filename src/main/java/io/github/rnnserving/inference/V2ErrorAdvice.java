package io.github.rnnserving.inference;

import io.github.rnnserving.web.PublicText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The refusals of the protocol's endpoints (bad tensors, unknown model or version, a full queue)
 * answered in its {@code {"error": "..."}} shape with their status and headers (Retry-After),
 * ahead of the RFC 9457 handler. Spring's own exceptions go on to that handler, whose problems
 * {@link V2ErrorFormat} reshapes.
 */
@RestControllerAdvice(assignableTypes = V2Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class V2ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(V2ErrorAdvice.class);

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<V2Json.Error> refused(ErrorResponseException e) {
        log.info("{} on /v2: {}", e.getStatusCode().value(), e.toString());
        String detail = e.getBody().getDetail();
        return ResponseEntity.status(e.getStatusCode())
                .headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new V2Json.Error(
                        PublicText.clean(detail == null ? e.getBody().getTitle() : detail)));
    }
}
