package io.github.rnnserving.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id that ties an answer to the server's log: taken from the client's {@code X-Correlation-Id}
 * when it is short and made of safe characters (so it cannot forge log lines or headers), otherwise
 * a fresh UUID.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    /** The MDC key, also the problem body's property name. */
    public static final String KEY = "correlationId";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationId() {}

    static String acceptOrCreate(String offered) {
        if (offered != null && WELL_FORMED.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        return MDC.get(KEY);
    }
}
