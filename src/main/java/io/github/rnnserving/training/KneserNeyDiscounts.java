package io.github.rnnserving.training;

/**
 * The three discounts of interpolated Kneser–Ney, one per order. Each lies in (0, 1]: at most 1 so
 * that every seen count keeps a non-negative remainder, which is what makes each distribution sum
 * to exactly 1 (the mass taken off is then exactly {@code discount × distinct followers}).
 */
public record KneserNeyDiscounts(double unigram, double bigram, double trigram) {

    public KneserNeyDiscounts {
        require("unigram", unigram);
        require("bigram", bigram);
        require("trigram", trigram);
    }

    private static void require(String order, double discount) {
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("the " + order + " discount must be in (0, 1], got " + discount);
        }
    }
}
