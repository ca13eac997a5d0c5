package io.github.rnnserving.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is routed by: decoded and without path parameters such as
 * {@code ;jsessionid=…}, as Spring MVC matches it. Filters that compare the raw request URI would
 * treat {@code /classify;jsessionid=x} as another endpoint than the one that answers it.
 */
final class RequestPaths {

    private RequestPaths() {}

    static String routed(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }
}
