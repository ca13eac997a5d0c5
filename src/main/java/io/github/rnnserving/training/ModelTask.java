package io.github.rnnserving.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a trained model does: classify texts or images, or generate text character by character. */
public enum ModelTask {
    CLASSIFY("classify"),
    GENERATE("generate");

    private final String id;

    ModelTask(String id) {
        this.id = id;
    }

    /** The word the command line, the job API and {@code model.json}'s {@code task} use. */
    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static ModelTask of(String id) {
        for (ModelTask task : values()) {
            if (task.id.equals(id.toLowerCase(Locale.ROOT))) {
                return task;
            }
        }
        throw new IllegalArgumentException("task must be classify or generate, got '" + id + "'");
    }

    /**
     * A {@code @JsonInclude} filter that leaves out the classifier's task, so a classifier's options
     * (in its manifest and its run key) read as they did before generators existed.
     */
    static final class OmitClassify {
        @Override
        public boolean equals(Object value) {
            return value == null || value == CLASSIFY;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** A {@code @JsonInclude} filter that leaves out {@code conditioned: true}, the only value a classifier has. */
    static final class OmitTrue {
        @Override
        public boolean equals(Object value) {
            return value == null || Boolean.TRUE.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
