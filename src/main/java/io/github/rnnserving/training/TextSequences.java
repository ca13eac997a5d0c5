package io.github.rnnserving.training;

import java.util.List;

/**
 * Texts as a language model learns them, one framed row of token ids each: {@code [</s>, c1 … cn,
 * </s>]}. The model reads {@code row[0 … n]} and predicts {@code row[1 … n+1]}, so the end token
 * doubles as the start token. A text cut at the model's {@code maxLength} has no closing end (its
 * row stops at the last character kept): ending it there would teach the model a false end.
 *
 * @param conditions each row's condition (label index), or -1 for an unconditioned model
 */
public record TextSequences(List<long[]> rows, int[] conditions) {

    public TextSequences {
        rows = List.copyOf(rows);
        if (rows.size() != conditions.length) {
            throw new IllegalArgumentException(rows.size() + " rows but " + conditions.length + " conditions");
        }
    }

    public int size() {
        return rows.size();
    }

    /** Steps the model reads of row {@code i}: one fewer than the row holds. */
    public int steps(int i) {
        return rows.get(i).length - 1;
    }

    int[] lengths() {
        int[] lengths = new int[size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = steps(i);
        }
        return lengths;
    }

    /** Target positions in all rows: characters and ends, what bits per character are counted over. */
    public long positions() {
        long positions = 0;
        for (int i = 0; i < size(); i++) {
            positions += steps(i);
        }
        return positions;
    }
}
