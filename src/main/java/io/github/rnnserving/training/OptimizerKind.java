package io.github.rnnserving.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The two optimizers DJL's PyTorch engine supports in training; both are implemented here. */
public enum OptimizerKind {
    ADAM,
    SGD;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OptimizerKind of(String id) {
        for (OptimizerKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "': expected adam or sgd");
    }
}
