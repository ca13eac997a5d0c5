package io.github.rnnserving.serving;

import io.github.rnnserving.web.ServiceBusyException;
import java.time.Duration;

/**
 * The end of one request's time: decoding, the wait in the queue and the forward passes all
 * count, so a request that is slow for any reason answers 503 and stops instead of running on
 * after its client has given up (an explain over 64 long texts once pinned the CPU for minutes).
 */
public record RequestDeadline(long endNanos, Duration timeout) {

    public static RequestDeadline after(Duration timeout) {
        return new RequestDeadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** Milliseconds left, at least 0. */
    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    /** Stops the request once its time is up. */
    public void check() {
        if (System.nanoTime() - endNanos >= 0) {
            throw expired(timeout);
        }
    }

    static ServiceBusyException expired(Duration timeout) {
        return new ServiceBusyException("the request ran past its time limit of " + timeout.toMillis()
                + " ms and was stopped; send less work per request (fewer or shorter inputs, no explain)"
                + " or retry later");
    }

    /** The answer a request gets when its time ran out. */
    public ServiceBusyException expired() {
        return expired(timeout);
    }
}
