package io.github.rnnserving.data;

/**
 * A dataset that cannot be read as asked: a missing or empty file, a malformed header, a bad row.
 * The message always names the file, and where it helps the line, record or column.
 */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
