package io.github.rnnserving.training;

/**
 * What interpolated Kneser–Ney needs to know about one event {@code (u, v) → w}, order by order:
 * the (adjusted) count of the n-gram, the total of its context and how many distinct symbols
 * follow that context. Kept apart from the tables so that tuning can score many discounts against
 * counts looked up once.
 *
 * @param trigram {@code c(u v w)}
 * @param trigramContext {@code c(u v ·)}
 * @param trigramTypes {@code N1+(u v ·)}
 * @param bigram adjusted {@code a(v w)}: the continuation count {@code N1+(· v w)}, or the raw
 *     count when {@code v} is the start symbol (nothing precedes it)
 * @param bigramContext {@code Σ_w a(v w)}
 * @param bigramTypes {@code N1+(v ·)} over adjusted counts
 * @param unigram the continuation count {@code N1+(· w)}
 * @param unigramTotal {@code Σ_w N1+(· w)}, the number of distinct bigrams
 * @param unigramTypes the number of symbols with a continuation count
 */
record KneserNeyCounts(
        int trigram,
        int trigramContext,
        int trigramTypes,
        int bigram,
        int bigramContext,
        int bigramTypes,
        int unigram,
        int unigramTotal,
        int unigramTypes) {

    /**
     * {@code p(w | u v)}, interpolating each order with the one below, down to {@code base}: the
     * probability of {@code w} under the distribution the unigram level falls back on.
     */
    double probability(KneserNeyDiscounts discounts, double base) {
        double p1 = unigramLevel(discounts.unigram(), base);
        double p2 = interpolate(bigram, bigramContext, bigramTypes, discounts.bigram(), p1);
        return interpolate(trigram, trigramContext, trigramTypes, discounts.trigram(), p2);
    }

    double unigramLevel(double discount, double base) {
        return interpolate(unigram, unigramTotal, unigramTypes, discount, base);
    }

    /**
     * {@code (max(c − D, 0) + D · types · lower) / total}; an unseen context (total 0) passes the
     * lower order through unchanged.
     */
    static double interpolate(int count, int total, int types, double discount, double lower) {
        if (total == 0) {
            return lower;
        }
        return (Math.max(count - discount, 0) + discount * types * lower) / total;
    }
}
