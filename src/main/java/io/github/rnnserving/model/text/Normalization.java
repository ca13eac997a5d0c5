package io.github.rnnserving.model.text;

import java.text.Normalizer;
import java.util.Objects;

/**
 * Unicode normalisation applied to text before it is tokenised.
 *
 * <p>{@link #NFKC} is the default because it folds presentation variants that a user cannot tell
 * apart on screen (full-width Latin, ligatures, composed versus decomposed accents) onto one
 * spelling, so they share a vocabulary entry instead of becoming unknown tokens.
 */
public enum Normalization {
    NFKC(Normalizer.Form.NFKC),
    NFC(Normalizer.Form.NFC),
    NFD(Normalizer.Form.NFD),
    NFKD(Normalizer.Form.NFKD),
    NONE(null);

    public static final Normalization DEFAULT = NFKC;

    private final Normalizer.Form form;

    Normalization(Normalizer.Form form) {
        this.form = form;
    }

    /** The spelling the command line and the job API show: Unicode's own names, upper-case. */
    public String id() {
        return name();
    }

    /** The one parser of {@code --normalization} and {@code "normalization"}, in any case. */
    public static Normalization of(String id) {
        for (Normalization normalization : values()) {
            if (normalization.name().equalsIgnoreCase(id)) {
                return normalization;
            }
        }
        throw new IllegalArgumentException("unknown normalization '" + id + "': expected NFKC, NFC, NFD, NFKD or NONE");
    }

    /** Returns {@code text} in this normal form; {@link #NONE} returns it unchanged. */
    public String apply(String text) {
        Objects.requireNonNull(text, "text");
        return form == null ? text : Normalizer.normalize(text, form);
    }
}
