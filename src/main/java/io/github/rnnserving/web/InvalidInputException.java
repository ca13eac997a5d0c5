package io.github.rnnserving.web;

/** A request field with a bad value: answered 400 with the field named. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
