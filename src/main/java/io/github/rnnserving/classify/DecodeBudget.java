package io.github.rnnserving.classify;

import io.github.rnnserving.web.ServiceBusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory all image decodes running at once may take together, counted in estimated bytes. A
 * decode that does not fit waits a little for others to finish, then gives up with a 503: a flood
 * of large images then costs waiting clients, not the heap (before this, 12 concurrent 16M-pixel
 * PNGs ran the JVM out of memory).
 *
 * <p>It also caps how many decodes run at once: a decode is CPU-bound (a 4000x4000 PNG inflates
 * 128 MB even when subsampled), so running more of them than there are CPUs makes every one slower
 * and none finish sooner; measured, 16 concurrent flood PNGs took 8 to 16 s each on 2 loaded cores.
 *
 * <p>Counted in KiB so a budget of several GB still fits a {@link Semaphore}'s int permits. Fair,
 * so a large decode is not starved by a stream of small ones.
 */
public final class DecodeBudget {

    private static final long UNIT = 1024;

    private final Semaphore permits;
    private final Semaphore slots;
    private final long totalBytes;
    private final Duration wait;

    /** A budget whose concurrent decodes are limited only by their bytes. */
    public DecodeBudget(long totalBytes, Duration wait) {
        this(totalBytes, Integer.MAX_VALUE, wait);
    }

    /**
     * @param totalBytes estimated bytes all concurrent decodes may take together
     * @param maxConcurrent decodes running at once
     * @param wait how long a decode waits for room before it is refused
     */
    public DecodeBudget(long totalBytes, int maxConcurrent, Duration wait) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("at least one decode must be allowed at a time, got " + maxConcurrent);
        }
        if (totalBytes < UNIT) {
            throw new IllegalArgumentException("the decode budget must be at least 1 KiB, got " + totalBytes);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("the decode wait must not be negative, got " + wait);
        }
        this.totalBytes = totalBytes;
        this.permits = new Semaphore(units(totalBytes), true);
        this.slots = new Semaphore(maxConcurrent, true);
        this.wait = wait;
    }

    /**
     * Takes room for one decode; close the permit when the decoded raster and everything made from
     * it are no longer needed.
     *
     * @throws InvalidImageException when the image alone needs more than the whole budget: it could
     *     never be decoded, so waiting is pointless and the client must send a smaller image
     * @throws ServiceBusyException when no room came free within the wait
     */
    public Permit acquire(long bytes) {
        if (bytes > totalBytes) {
            throw new InvalidImageException("Decoding this image would take about " + bytes / (1024 * 1024)
                    + " MB; at most " + totalBytes / (1024 * 1024) + " MB are allowed. Send a smaller image"
                    + " (or a baseline rather than progressive JPEG).");
        }
        int units = units(bytes);
        long end = System.nanoTime() + wait.toNanos();
        try {
            if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
            if (!permits.tryAcquire(units, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                slots.release();
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusyException("interrupted while waiting to decode the image");
        }
        return new Permit(permits, slots, units);
    }

    private static ServiceBusyException busy() {
        return new ServiceBusyException("too many images are being decoded at once; retry shortly");
    }

    /** Bytes not taken by running decodes (for tests and diagnostics). */
    public long availableBytes() {
        return permits.availablePermits() * UNIT;
    }

    private static int units(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes + UNIT - 1) / UNIT));
    }

    /** Room held for one decode, given back on close. */
    public static final class Permit implements AutoCloseable {

        private final Semaphore permits;
        private final Semaphore slots;
        private final int units;
        private boolean closed;

        private Permit(Semaphore permits, Semaphore slots, int units) {
            this.permits = permits;
            this.slots = slots;
            this.units = units;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                permits.release(units);
                slots.release();
            }
        }
    }
}
