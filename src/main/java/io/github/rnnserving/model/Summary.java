package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the last layer's outputs over the real steps become one vector for the linear head. */
public enum Summary {
    /** The final state: forward at the last real step, backward at the first (PyTorch's h_n). */
    LAST,
    /**
     * The output at each sequence's last real step, both directions: PyTorch's {@code out[:, -1]}
     * on an unpadded batch. The backward half has then read only that last step, so for a
     * bidirectional model this differs from {@link #LAST}; for a one-way model it equals it.
     */
    LAST_OUTPUT,
    /** The mean of the outputs over the real steps. */
    MEAN,
    /** The element-wise maximum of the outputs over the real steps. */
    MAX;

    /** The words {@code model.json}, the command line and training jobs take. */
    public static final String EXPECTED = "last, last-output, mean or max";

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Summary of(String id) {
        for (Summary summary : values()) {
            if (summary.id().equalsIgnoreCase(id)) {
                return summary;
            }
        }
        throw new IllegalArgumentException("unknown summary '" + id + "': expected " + EXPECTED);
    }
}
