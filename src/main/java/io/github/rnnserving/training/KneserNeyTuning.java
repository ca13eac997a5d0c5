package io.github.rnnserving.training;

import java.util.List;

/**
 * Grid searches on the validation split. Each event (a distinct {@code (condition, u, v) → w} of
 * the split) carries its counts, the probability its unigram level falls back on and how often it
 * occurs, so a grid point costs arithmetic only, no table look-ups.
 */
final class KneserNeyTuning {

    private static final double LN2 = Math.log(2);

    private KneserNeyTuning() {}

    /** A grid point and the validation bits per character it gives. */
    record Tuned<T>(T value, double bitsPerCharacter) {}

    /**
     * The discounts of {@code grid³} (unigram × bigram × trigram) with the fewest validation bits per
     * character; ties keep the first in grid order.
     */
    static Tuned<KneserNeyDiscounts> discounts(
            KneserNeyCounts[] counts, double[] base, int[] weights, List<Double> grid) {
        int n = counts.length;
        double[] p1 = new double[n];
        double[] p2 = new double[n];
        double[] p3 = new double[n];
        KneserNeyDiscounts best = null;
        double bestBits = Double.POSITIVE_INFINITY;
        for (double d1 : grid) {
            for (int i = 0; i < n; i++) {
                p1[i] = counts[i].unigramLevel(d1, base[i]);
            }
            for (double d2 : grid) {
                for (int i = 0; i < n; i++) {
                    KneserNeyCounts c = counts[i];
                    p2[i] = KneserNeyCounts.interpolate(c.bigram(), c.bigramContext(), c.bigramTypes(), d2, p1[i]);
                }
                for (double d3 : grid) {
                    for (int i = 0; i < n; i++) {
                        KneserNeyCounts c = counts[i];
                        p3[i] = KneserNeyCounts.interpolate(
                                c.trigram(), c.trigramContext(), c.trigramTypes(), d3, p2[i]);
                    }
                    double bits = bitsPerCharacter(p3, weights);
                    if (bits < bestBits) {
                        bestBits = bits;
                        best = new KneserNeyDiscounts(d1, d2, d3);
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("the discount grid is empty");
        }
        return new Tuned<>(best, bestBits);
    }

    /**
     * The weight λ of {@code λ · specific + (1 − λ) · general} with the fewest validation bits per
     * character; ties keep the first in grid order.
     */
    static Tuned<Double> weight(double[] specific, double[] general, int[] weights, List<Double> grid) {
        double[] mixed = new double[specific.length];
        Double best = null;
        double bestBits = Double.POSITIVE_INFINITY;
        for (double lambda : grid) {
            for (int i = 0; i < mixed.length; i++) {
                mixed[i] = lambda * specific[i] + (1 - lambda) * general[i];
            }
            double bits = bitsPerCharacter(mixed, weights);
            if (bits < bestBits) {
                bestBits = bits;
                best = lambda;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("the weight grid is empty");
        }
        return new Tuned<>(best, bestBits);
    }

    /** {@code −Σ weight · log2 p / Σ weight}. */
    static double bitsPerCharacter(double[] probabilities, int[] weights) {
        double nats = 0;
        long count = 0;
        for (int i = 0; i < probabilities.length; i++) {
            nats -= weights[i] * Math.log(probabilities[i]);
            count += weights[i];
        }
        return nats / LN2 / count;
    }

    /** {@code from, from + step, …} up to {@code to} (inclusive, within rounding). */
    static List<Double> grid(double from, double to, double step) {
        if (!(step > 0) || from > to) {
            throw new IllegalArgumentException("a grid needs from ≤ to and a positive step");
        }
        int points = (int) Math.floor((to - from) / step + 1e-9) + 1;
        Double[] values = new Double[points];
        for (int i = 0; i < points; i++) {
            // rounded so that 0.05 × 3 prints as 0.15, not 0.15000000000000002
            values[i] = Math.round((from + i * step) * 1e9) / 1e9;
        }
        return List.of(values);
    }
}
