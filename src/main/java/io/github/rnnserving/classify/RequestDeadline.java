package io.github.rnnserving.classify;

import io.github.rnnserving.web.ServiceBusyException;
import java.time.Duration;

/**
 * The end of one request's time: the wait for workers and the work itself both count, so a
 * request that is slow for either reason answers 503 and stops instead of running on after its
 * client has given up (an explain over 64 long texts once pinned the CPU for minutes).
 */
record RequestDeadline(long endNanos, Duration timeout) {

    static RequestDeadline after(Duration timeout) {
        return new RequestDeadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** Milliseconds left, at least 0. */
    long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    /** Stops the request once its time is up; called between forward passes. */
    void check() {
        if (System.nanoTime() - endNanos >= 0) {
            throw new ServiceBusyException("the request ran past its time limit of " + timeout.toMillis()
                    + " ms and was stopped; send less work per request (fewer or shorter inputs, no explain)"
                    + " or retry later");
        }
    }
}
