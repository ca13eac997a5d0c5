package io.github.rnnserving.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mutating requests need the admin bearer token; reads, {@code POST /classify}, {@code /v2/...},
 * {@code /sessions}, {@code POST /generate} and {@code POST /score} are open.
 */
@Component
class AdminTokenFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AdminToken token;
    private final ErrorBodies bodies;

    AdminTokenFilter(AdminToken token, ObjectProvider<ErrorBodyFormat> formats) {
        this.token = token;
        this.bodies = new ErrorBodies(formats);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod())
                || RequestPaths.routed(request).equals("/classify")
                // sampling from and scoring with a generator are inference, open like /classify
                || RequestPaths.routed(request).equals("/generate")
                || RequestPaths.routed(request).equals("/score")
                // the Open Inference Protocol's tree holds inference only, open like /classify
                || RequestPaths.routed(request).equals("/v2")
                || RequestPaths.routed(request).startsWith("/v2/")
                // streaming sessions are inference too: the unguessable id is the only key to one
                || RequestPaths.routed(request).equals("/sessions")
                || RequestPaths.routed(request).startsWith("/sessions/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token.accepts(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ProblemResponses.write(
                bodies,
                request,
                response,
                ProblemType.UNAUTHORIZED,
                HttpStatus.UNAUTHORIZED,
                "this endpoint needs the header Authorization: Bearer <admin token> (RNN_ADMIN_TOKEN)");
    }
}
