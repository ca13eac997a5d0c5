package io.github.rnnserving.session;

import io.github.rnnserving.registry.ServedModel;

/**
 * One open session: the version it is pinned to (a reference held until the session ends) and
 * what it has read so far, its hidden state. Steps of one session run one at a time, in order.
 * Guarded by its own monitor.
 */
final class Session {

    private final String id;
    private final ServedModel model;
    private float[] hidden;
    private int steps;
    private int carry;
    private long lastUsedNanos;
    private boolean running;
    private boolean closed;

    Session(String id, ServedModel model, SessionState start, long nowNanos) {
        this.id = id;
        this.model = model;
        this.hidden = start.hidden();
        this.steps = start.steps();
        this.carry = start.carry();
        this.lastUsedNanos = nowNanos;
    }

    String id() {
        return id;
    }

    ServedModel model() {
        return model;
    }

    String modelName() {
        return model.manifest().name();
    }

    String version() {
        return model.manifest().version();
    }

    synchronized int steps() {
        return steps;
    }

    synchronized long lastUsedNanos() {
        return lastUsedNanos;
    }

    synchronized boolean closed() {
        return closed;
    }

    /**
     * Starts a step: the state to read on from. Null when a step of this session is still running
     * (the caller answers 409: steps of one sequence have an order).
     */
    synchronized SessionState begin(long nowNanos) {
        if (closed || running) {
            return null;
        }
        running = true;
        lastUsedNanos = nowNanos;
        return new SessionState(modelName(), version(), steps, carry, hidden);
    }

    /** Ends the running step: {@code after} becomes the state, or null when the step failed. */
    synchronized void end(SessionState after, long nowNanos) {
        running = false;
        lastUsedNanos = nowNanos;
        if (after != null && !closed) {
            hidden = after.hidden();
            steps = after.steps();
            carry = after.carry();
        }
    }

    /** Whether no step runs and the session was last used before {@code cutoffNanos}. */
    synchronized boolean idleSince(long cutoffNanos) {
        return !running && lastUsedNanos - cutoffNanos < 0;
    }

    /** Ends the session once; true for the call that ended it, which then releases the model. */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        hidden = new float[0];
        return true;
    }
}
