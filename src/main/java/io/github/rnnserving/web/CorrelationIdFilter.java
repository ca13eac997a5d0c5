package io.github.rnnserving.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First of all filters, so that every answer (the token and size filters' included) carries the
 * correlation id as a header and every log line of the request has it in the MDC. It also runs on
 * the error dispatch, where the container's own errors are turned into problems.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        withId(request, response, chain);
    }

    /** The container's error dispatch comes after the request's own pass has left: set the id again. */
    @Override
    protected void doFilterNestedErrorDispatch(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        withId(request, response, chain);
    }

    private static void withId(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object known = request.getAttribute(ATTRIBUTE);
        String id =
                known instanceof String s ? s : CorrelationId.acceptOrCreate(request.getHeader(CorrelationId.HEADER));
        request.setAttribute(ATTRIBUTE, id);
        if (!response.isCommitted()) {
            response.setHeader(CorrelationId.HEADER, id);
        }
        String outer = MDC.get(CorrelationId.KEY);
        MDC.put(CorrelationId.KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                MDC.remove(CorrelationId.KEY);
            } else {
                MDC.put(CorrelationId.KEY, outer);
            }
        }
    }
}
