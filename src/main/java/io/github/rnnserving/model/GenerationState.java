package io.github.rnnserving.model;

/**
 * What a generator carries from token to token while it samples: the condition's one-hot (a
 * name's language), then each layer's {@code h} (and {@code c} for an LSTM), flat. The condition
 * rides in the state so that a sampling step is a continuation like any streaming session's.
 */
public final class GenerationState {

    private GenerationState() {}

    /** Floats in the state: conditions, then layers × hidden, twice for an LSTM. */
    public static int size(Architecture architecture) {
        return architecture.conditionCount() + StreamingState.size(architecture);
    }

    /**
     * The state before the first token: the condition's one-hot and zeros.
     *
     * @param condition the condition's index, or −1 for a model without conditions
     */
    public static float[] initial(Architecture architecture, int condition) {
        int conditions = architecture.conditionCount();
        if (conditions == 0 ? condition != -1 : condition < 0 || condition >= conditions) {
            throw new IllegalArgumentException(
                    "condition " + condition + " for a model of " + conditions + " conditions");
        }
        float[] state = new float[size(architecture)];
        if (condition >= 0) {
            state[condition] = 1f;
        }
        return state;
    }
}
