package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The name of what a model reads, as {@code model.json} spells it in {@code input.kind} and {@code
 * architecture.inputKind}, and what the network's first layer makes of it: token ids looked up in
 * an embedding, or steps that are feature vectors already. Everything else about a kind is its
 * {@link InputSpec} type's.
 */
public enum InputKind {
    TEXT("text", true),
    IMAGE_ROWS("image-rows", false);

    private final String id;
    private final boolean embedded;

    InputKind(String id, boolean embedded) {
        this.id = id;
        this.embedded = embedded;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** True when steps are token ids the network embeds, false when they are feature vectors. */
    public boolean embedded() {
        return embedded;
    }

    @JsonCreator
    public static InputKind of(String id) {
        for (InputKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown input kind '" + id + "': expected " + expected());
    }

    /** The kinds' names for messages: "text or image-rows". */
    public static String expected() {
        StringBuilder names = new StringBuilder();
        InputKind[] kinds = values();
        for (int i = 0; i < kinds.length; i++) {
            names.append(i == 0 ? "" : i == kinds.length - 1 ? " or " : ", ").append(kinds[i].id);
        }
        return names.toString();
    }
}
