package io.github.rnnserving.web;

import org.springframework.http.HttpStatus;

/** A request field with a bad value: answered 400 with the field named. Shared by every HTTP edge. */
public class InvalidInputException extends ProblemException {

    private final String field;

    public InvalidInputException(String field, String message) {
        this(field, message, null);
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(ProblemType.INVALID_INPUT, HttpStatus.BAD_REQUEST, message, field, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
