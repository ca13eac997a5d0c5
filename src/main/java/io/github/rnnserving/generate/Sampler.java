package io.github.rnnserving.generate;

import io.github.rnnserving.model.text.Vocabulary;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the next token from one step's log-probabilities: temperature 0 takes the most probable
 * token; otherwise the distribution {@code softmax(logp / temperature)} is cut to its {@code topK}
 * most probable tokens, then to the smallest head whose probability reaches {@code topP}
 * (nucleus), renormalised, and drawn from with the sample's own random stream.
 *
 * <p>{@code <pad>} and {@code <unk>} (ids 0 and 1) are never drawn: neither is a character. Ties
 * go to the lower id, so the same row and the same random stream always draw the same token.
 *
 * @param temperature 0 (greedy) to 10
 * @param topK the most probable tokens kept; 0 keeps all
 * @param topP the nucleus: the head of the distribution kept, in (0, 1]
 */
record Sampler(double temperature, int topK, double topP) {

    /** The first id that may be drawn: ids below are {@code <pad>} and {@code <unk>}. */
    static final int FIRST_DRAWABLE = Vocabulary.UNKNOWN_INDEX + 1;

    /**
     * The token drawn from {@code row[offset .. offset + size)}, natural-log probabilities over the
     * vocabulary's {@code size} tokens.
     */
    int draw(float[] row, int offset, int size, SplittableRandom random) {
        if (temperature == 0) {
            return argMax(row, offset, size);
        }
        Integer[] order = new Integer[size - FIRST_DRAWABLE];
        for (int i = 0; i < order.length; i++) {
            order[i] = FIRST_DRAWABLE + i;
        }
        // most probable first; the sort is stable, so equal tokens keep id order
        Arrays.sort(order, (a, b) -> Float.compare(row[offset + b], row[offset + a]));
        int kept = topK > 0 ? Math.min(topK, order.length) : order.length;
        double[] weights = new double[kept];
        double top = row[offset + order[0]] / temperature;
        double total = 0;
        for (int i = 0; i < kept; i++) {
            // shifted by the largest score, so exp never overflows at low temperatures
            weights[i] = Math.exp(row[offset + order[i]] / temperature - top);
            total += weights[i];
        }
        int nucleus = nucleus(weights, total);
        double mass = 0;
        for (int i = 0; i < nucleus; i++) {
            mass += weights[i];
        }
        double target = random.nextDouble() * mass;
        for (int i = 0; i < nucleus - 1; i++) {
            target -= weights[i];
            if (target < 0) {
                return order[i];
            }
        }
        return order[nucleus - 1];
    }

    /** How many of the most probable tokens (at least one) it takes to reach {@code topP}. */
    private int nucleus(double[] weights, double total) {
        if (topP >= 1) {
            return weights.length;
        }
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i] / total;
            if (cumulative >= topP) {
                return i + 1;
            }
        }
        return weights.length;
    }

    /** The most probable drawable token, the lowest id among equals. */
    static int argMax(float[] row, int offset, int size) {
        int best = FIRST_DRAWABLE;
        for (int i = FIRST_DRAWABLE + 1; i < size; i++) {
            if (row[offset + i] > row[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
