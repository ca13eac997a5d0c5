package io.github.rnnserving.web;

import java.io.IOException;

/** A request body beyond {@code rnn.limits.max-request-bytes} (or max-model-bytes): answered 413. */
public class RequestTooLargeException extends IOException {

    public RequestTooLargeException(long limit) {
        super("the request body exceeds the limit of " + limit + " bytes");
    }
}
