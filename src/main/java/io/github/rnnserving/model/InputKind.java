package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a model reads: token ids through an embedding, or image rows as feature vectors. */
public enum InputKind {
    TEXT("text"),
    IMAGE_ROWS("image-rows");

    private final String id;

    InputKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static InputKind of(String id) {
        for (InputKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown input kind '" + id + "': expected text or image-rows");
    }
}
