package io.github.rnnserving.web;

import io.github.rnnserving.RnnProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body: a declared Content-Length over the limit is refused at once, and a
 * chunked body is counted as it is read, so no request can make the server buffer unbounded JSON.
 */
@Component
class RequestSizeFilter extends OncePerRequestFilter {

    private final long requestLimit;
    private final long modelLimit;
    private final ErrorBodies bodies;

    RequestSizeFilter(RnnProperties properties, ObjectProvider<ErrorBodyFormat> formats) {
        this.bodies = new ErrorBodies(formats);
        this.requestLimit = properties.limits().maxRequestBytes().toBytes();
        this.modelLimit = properties.limits().maxModelBytes().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean modelImport = "POST".equals(request.getMethod()) && "/models".equals(RequestPaths.routed(request));
        long limit = modelImport ? modelLimit : requestLimit;
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(
                    bodies,
                    request,
                    response,
                    ProblemType.TOO_LARGE,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the request body exceeds the limit of " + limit + " bytes (rnn.limits."
                            + (modelImport ? "max-model-bytes" : "max-request-bytes") + ")");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
