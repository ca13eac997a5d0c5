package io.github.rnnserving.model.text;

import java.util.Arrays;

/**
 * The ids of one text, with what a caller needs to judge them: whether the text was cut, and how
 * many of its tokens the vocabulary did not know.
 *
 * <p>{@code ids} may be empty (blank input, or only whitespace); the caller decides whether that
 * is an error. The array is copied in and out, so instances are immutable.
 *
 * @param ids token ids, at most {@code maxLength} of them
 * @param tokenCount number of tokens before truncation
 * @param unknownCount number of kept ids that are {@link Vocabulary#UNKNOWN_INDEX}
 */
public record EncodedText(long[] ids, int tokenCount, int unknownCount) {

    public EncodedText {
        ids = ids.clone();
        if (tokenCount < ids.length) {
            throw new IllegalArgumentException(
                    "tokenCount " + tokenCount + " is less than the " + ids.length + " ids kept");
        }
        if (unknownCount < 0 || unknownCount > ids.length) {
            throw new IllegalArgumentException("unknownCount " + unknownCount + " is not in [0, " + ids.length + "]");
        }
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    public int length() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** Whether tokens past {@code maxLength} were dropped. */
    public boolean truncated() {
        return tokenCount > ids.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedText that
                && Arrays.equals(ids, that.ids)
                && tokenCount == that.tokenCount
                && unknownCount == that.unknownCount;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ids) + tokenCount) + unknownCount;
    }

    @Override
    public String toString() {
        return "EncodedText[ids=" + Arrays.toString(ids) + ", tokenCount=" + tokenCount + ", unknownCount="
                + unknownCount + "]";
    }
}
