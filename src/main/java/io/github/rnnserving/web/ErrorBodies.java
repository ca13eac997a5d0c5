package io.github.rnnserving.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link ErrorBodyFormat}s the features declare, looked up by the path a request was made on.
 * Taken from a provider, not injected as a bean, so that test slices without any format still start.
 */
final class ErrorBodies {

    private final List<ErrorBodyFormat> formats;

    ErrorBodies(ObjectProvider<ErrorBodyFormat> formats) {
        this.formats = formats.orderedStream().toList();
    }

    Optional<ErrorBodyFormat> forRequest(HttpServletRequest request) {
        if (formats.isEmpty()) {
            return Optional.empty();
        }
        // on the error page's dispatch the path is /error: the client asked for the original one
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri
                ? uri.substring(request.getContextPath().length()).replaceAll(";[^/]*", "")
                : RequestPaths.routed(request);
        return formats.stream().filter(format -> format.appliesTo(path)).findFirst();
    }
}
