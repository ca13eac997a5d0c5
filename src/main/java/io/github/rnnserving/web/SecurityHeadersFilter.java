package io.github.rnnserving.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep the playground page (and anything else a browser opens here) from running
 * what it did not ship: the page shows imported manifests, which are user data, so a script or
 * style smuggled into a label must have nowhere to run even if it reached the DOM as markup.
 * Set before the chain runs, so filters that answer early (token, size) carry them too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // Swagger UI is springdoc's page, written for its own script setup: it keeps working without our policy
        if (!RequestPaths.routed(request).startsWith("/swagger-ui")) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        chain.doFilter(request, response);
    }
}
