package io.github.rnnserving.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The count tables of an interpolated Kneser–Ney trigram model over symbol ids {@code 0 …
 * vocabularySize − 1}; id {@code vocabularySize} is the start symbol, which pads the context of a
 * sequence's first two symbols and is never predicted. Each sequence ends with its end symbol.
 *
 * <p>The lower orders count continuations (in how many distinct contexts a shorter n-gram was
 * seen), except a bigram whose context is the start symbol: nothing can precede the start, so its
 * raw count is kept, as KenLM does. Immutable once built.
 */
final class KneserNeyTrigram {

    private static final int BITS = 21;

    private final int vocabularySize;
    private final Map<Long, Integer> trigrams = new HashMap<>();
    private final Map<Long, int[]> trigramContexts = new HashMap<>();
    private final Map<Long, Integer> bigrams = new HashMap<>();
    private final int[] bigramContextTotals;
    private final int[] bigramContextTypes;
    private final int[] unigrams;
    private final int unigramTotal;
    private final int unigramTypes;

    KneserNeyTrigram(int vocabularySize, List<int[]> sequences) {
        if (vocabularySize < 1 || vocabularySize >= 1 << BITS) {
            throw new IllegalArgumentException("vocabulary size out of range: " + vocabularySize);
        }
        this.vocabularySize = vocabularySize;
        int start = startSymbol();
        Map<Long, Integer> rawBigrams = new HashMap<>();
        for (int[] sequence : sequences) {
            int u = start;
            int v = start;
            for (int w : sequence) {
                if (w < 0 || w >= vocabularySize) {
                    throw new IllegalArgumentException("symbol id out of range: " + w);
                }
                trigrams.merge(key(u, v, w), 1, Integer::sum);
                rawBigrams.merge(key(0, v, w), 1, Integer::sum);
                u = v;
                v = w;
            }
        }
        Map<Long, Integer> continuations = new HashMap<>();
        trigrams.forEach((key, count) -> {
            int[] context = trigramContexts.computeIfAbsent(key >>> BITS, k -> new int[2]);
            context[0] += count;
            context[1]++;
            continuations.merge(key & ((1L << 2 * BITS) - 1), 1, Integer::sum);
        });
        bigramContextTotals = new int[vocabularySize + 1];
        bigramContextTypes = new int[vocabularySize + 1];
        unigrams = new int[vocabularySize];
        rawBigrams.forEach((key, raw) -> {
            int v = (int) (key >>> BITS);
            int w = (int) (key & ((1L << BITS) - 1));
            int adjusted = v == start ? raw : continuations.get(key);
            bigrams.put(key, adjusted);
            bigramContextTotals[v] += adjusted;
            bigramContextTypes[v]++;
            unigrams[w]++;
        });
        int total = 0;
        int types = 0;
        for (int count : unigrams) {
            total += count;
            types += count > 0 ? 1 : 0;
        }
        unigramTotal = total;
        unigramTypes = types;
    }

    int vocabularySize() {
        return vocabularySize;
    }

    /** The id that pads the context before a sequence's first symbol. */
    int startSymbol() {
        return vocabularySize;
    }

    /** Everything Kneser–Ney needs for {@code p(w | u v)}; {@code u} and {@code v} may be the start symbol. */
    KneserNeyCounts counts(int u, int v, int w) {
        int[] context = trigramContexts.get(key(0, u, v));
        return new KneserNeyCounts(
                trigrams.getOrDefault(key(u, v, w), 0),
                context == null ? 0 : context[0],
                context == null ? 0 : context[1],
                bigrams.getOrDefault(key(0, v, w), 0),
                bigramContextTotals[v],
                bigramContextTypes[v],
                unigrams[w],
                unigramTotal,
                unigramTypes);
    }

    /** {@code p(w | u v)} with these discounts over a unigram level that falls back on {@code base(w)}. */
    double probability(int u, int v, int w, KneserNeyDiscounts discounts, double base) {
        return counts(u, v, w).probability(discounts, base);
    }

    /** The unigram level alone: what a model conditioned on a subset falls back on. */
    double unigramProbability(int w, double discount, double base) {
        return KneserNeyCounts.interpolate(unigrams[w], unigramTotal, unigramTypes, discount, base);
    }

    private static long key(int u, int v, int w) {
        return ((long) u << 2 * BITS) | ((long) v << BITS) | w;
    }
}
