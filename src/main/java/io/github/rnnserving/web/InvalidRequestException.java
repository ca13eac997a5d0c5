package io.github.rnnserving.web;

import org.springframework.http.HttpStatus;

/** A request that is wrong as a whole rather than in one body field, such as a bad model name in the path: 400. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String message, Throwable cause) {
        super(ProblemType.INVALID_REQUEST, HttpStatus.BAD_REQUEST, message, null, cause);
    }
}
