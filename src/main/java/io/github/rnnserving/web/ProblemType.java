package io.github.rnnserving.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The kinds of problem the service answers, each with its own {@code type} URI (relative, under
 * {@code /problems/}, listed in the README) and the one title that goes with it, so that a client
 * can branch on {@code type} rather than parse {@code detail}.
 */
public enum ProblemType {
    INVALID_INPUT("invalid-input", "Invalid input"),
    INVALID_REQUEST("invalid-request", "Invalid request"),
    UNREADABLE_BODY("unreadable-body", "Unreadable request body"),
    MODEL_NOT_FOUND("model-not-found", "Model not found"),
    JOB_NOT_FOUND("job-not-found", "Training job not found"),
    SESSION_NOT_FOUND("session-not-found", "Session not found"),
    NOT_FOUND("not-found", "Not Found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method Not Allowed"),
    NOT_ACCEPTABLE("not-acceptable", "Not Acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported Media Type"),
    UNAUTHORIZED("unauthorized", "Unauthorized"),
    CONFLICT("conflict", "Conflict"),
    INVALID_MODEL("invalid-model", "Invalid model"),
    TOO_LARGE("request-too-large", "Request too large"),
    BUSY("service-busy", "Service busy"),
    INTERNAL("internal-error", "Internal error"),
    /** Any other status Spring or the container may answer: titled after the status. */
    HTTP("http-error", null);

    private final URI uri;
    private final String title;

    ProblemType(String slug, String title) {
        this.uri = URI.create("/problems/" + slug);
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public String title(HttpStatus status) {
        return title != null ? title : status.getReasonPhrase();
    }

    /** The type for an answer whose status is all that is known (Spring's and the container's own errors). */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> BUSY;
            default -> status >= 500 ? INTERNAL : HTTP;
        };
    }
}
