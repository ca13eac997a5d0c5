package io.github.rnnserving.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is routed by, without path parameters such as {@code ;jsessionid=…}, which
 * Spring MVC ignores when it matches: filters that compared the raw request URI treated
 * {@code /classify;jsessionid=x} as another endpoint than the one that answers it. Left encoded, so
 * an encoded path can only look like no open endpoint (and needs the token), never like one.
 */
final class RequestPaths {

    private RequestPaths() {}

    static String routed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.replaceAll(";[^/]*", "");
    }
}
