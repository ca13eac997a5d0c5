package io.github.rnnserving.web;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Rewrites problem bodies on paths with an {@link ErrorBodyFormat} just before they are written, so
 * that Spring's own refusals there (unreadable JSON, 404 for no endpoint, 405, 415) and the error
 * page's answers take the protocol's form, with the status and wording {@link ProblemHandler} gave.
 */
@RestControllerAdvice
class ErrorBodyAdvice implements ResponseBodyAdvice<Object> {

    private final ErrorBodies bodies;

    ErrorBodyAdvice(ObjectProvider<ErrorBodyFormat> formats) {
        this.bodies = new ErrorBodies(formats);
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail problem) || !(request instanceof ServletServerHttpRequest servlet)) {
            return body;
        }
        Optional<ErrorBodyFormat> format = bodies.forRequest(servlet.getServletRequest());
        if (format.isEmpty()) {
            return body;
        }
        response.getHeaders().setContentType(format.get().mediaType());
        return format.get().body(problem);
    }
}
