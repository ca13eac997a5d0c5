package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the last layer's outputs over the real steps become one vector for the linear head. */
public enum Summary {
    /** The final state: forward at the last real step, backward at the first (PyTorch's h_n). */
    LAST,
    /** The mean of the outputs over the real steps. */
    MEAN,
    /** The element-wise maximum of the outputs over the real steps. */
    MAX;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Summary of(String id) {
        for (Summary summary : values()) {
            if (summary.id().equalsIgnoreCase(id)) {
                return summary;
            }
        }
        throw new IllegalArgumentException("unknown summary '" + id + "': expected last, mean or max");
    }
}
