package io.github.rnnserving.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A queue is full or a request ran past its deadline: answered 503 with {@code
 * Retry-After} so clients back off. Only the HTTP edges throw it; shared because all three need it.
 */
public class ServiceBusyException extends ProblemException {

    public ServiceBusyException(String message) {
        super(ProblemType.BUSY, HttpStatus.SERVICE_UNAVAILABLE, message, null, null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }
}
