package io.github.rnnserving.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a trained version replaces the serving one. A model's first version always serves, as
 * there is nothing to compare it with.
 */
public enum PromotionPolicy {
    NEVER("never"),
    ALWAYS("always"),
    /**
     * Promote a classifier that scores a higher accuracy than the serving version on this job's test
     * split, a generator with lower validation bits per character than the serving version records.
     */
    IF_BETTER("if-better");

    private final String id;

    PromotionPolicy(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static PromotionPolicy of(String id) {
        for (PromotionPolicy policy : values()) {
            if (policy.id.equals(id.toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("promote must be never, always or if-better, got '" + id + "'");
    }
}
