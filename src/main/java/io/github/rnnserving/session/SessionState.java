package io.github.rnnserving.session;

import java.util.Arrays;

/**
 * What a streaming session must remember between two requests, and all that its {@code state}
 * token carries: the model and version it reads with, how far it has read, and the network's hidden
 * state. The array is copied in and out, so instances are immutable.
 *
 * @param model the model name the session was opened on
 * @param version the model version whose weights produced {@code hidden}; a token is only valid
 *     with that version
 * @param steps steps (tokens or image rows) read so far, all requests together
 * @param carry the tokenizer's carry-over bits between two pieces of text (0: none)
 * @param hidden the recurrent state after the last step, flattened in the order the session's
 *     model code defines; may be empty (before the first step)
 */
public record SessionState(String model, String version, int steps, int carry, float[] hidden) {

    public SessionState {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is blank");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is blank");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps " + steps + " is negative");
        }
        if (hidden == null) {
            throw new IllegalArgumentException("hidden is null");
        }
        hidden = hidden.clone();
    }

    @Override
    public float[] hidden() {
        return hidden.clone();
    }

    /** Number of floats in {@link #hidden()}, without copying it. */
    public int hiddenLength() {
        return hidden.length;
    }

    // Arrays.equals on float[] compares bit patterns (floatToIntBits): NaN equals NaN and -0 is not
    // 0, which is what "the same state" means for a round trip through a token.
    @Override
    public boolean equals(Object other) {
        return other instanceof SessionState that
                && model.equals(that.model)
                && version.equals(that.version)
                && steps == that.steps
                && carry == that.carry
                && Arrays.equals(hidden, that.hidden);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * model.hashCode() + version.hashCode()) + steps) + carry)
                + Arrays.hashCode(hidden);
    }

    // The floats are summarised, not printed: a state of a few thousand floats would flood a log line.
    @Override
    public String toString() {
        return "SessionState[model=" + model + ", version=" + version + ", steps=" + steps + ", carry=" + carry
                + ", hidden=" + hidden.length + " floats]";
    }
}
