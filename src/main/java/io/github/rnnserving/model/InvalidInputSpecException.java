package io.github.rnnserving.model;

/** An input spec this service cannot serve or that does not fit its network, naming the field at fault. */
public final class InvalidInputSpecException extends IllegalArgumentException {

    private final String field;

    public InvalidInputSpecException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, under the path the check was given: {@code manifest.input.rows}. */
    public String field() {
        return field;
    }
}
