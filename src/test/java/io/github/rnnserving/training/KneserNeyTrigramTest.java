package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interpolated Kneser–Ney on a corpus small enough to count by hand: "ab", "a", "ba" over the
 * symbols end (0), unknown (1), a (2), b (3); the start symbol S is 4.
 *
 * <pre>
 * trigrams   SSa 2, SSb 1, Sab 1, abE 1, SaE 1, Sba 1, baE 1
 * contexts   SS 3/2 types, Sa 2/2, ab 1/1, Sb 1/1, ba 1/1
 * bigrams    after S raw: Sa 2, Sb 1; else continuation N1+(·vw): ab 1, bE 1, aE 2 (S and b), ba 1
 * contexts   S 3/2, a 3/2, b 2/2
 * unigrams   N1+(·w): a 2 (S, b), b 2 (S, a), E 2 (a, b), unknown 0; total 6, 3 types
 * </pre>
 *
 * With D1 = 0.4, D2 = 0.6, D3 = 0.8 and a uniform base of 1/4: p1(a) = p1(b) = p1(E) = (2 − 0.4 +
 * 0.4·3·¼)/6 = 1.9/6 and p1(unknown) = 0.3/6 = 0.05.
 */
class KneserNeyTrigramTest {

    private static final int END = 0;
    private static final int UNKNOWN = 1;
    private static final int A = 2;
    private static final int B = 3;
    private static final double UNIFORM = 0.25;
    private static final KneserNeyDiscounts D = new KneserNeyDiscounts(0.4, 0.6, 0.8);

    private final KneserNeyTrigram model =
            new KneserNeyTrigram(4, List.of(new int[] {A, B, END}, new int[] {A, END}, new int[] {B, A, END}));
    private final int s = model.startSymbol();

    @Test
    void matchesHandComputedProbabilities() {
        // p2(E|b) = (1 − 0.6 + 0.6·2·1.9/6)/2 = 0.39; p3 = (1 − 0.8 + 0.8·1·0.39)/1
        assertThat(model.probability(A, B, END, D, UNIFORM)).isCloseTo(0.512, within(1e-12));
        // after the start the bigram keeps its raw count 2: p2(a|S) = (2 − 0.6 + 1.2·1.9/6)/3 = 1.78/3
        assertThat(model.probability(s, s, A, D, UNIFORM)).isCloseTo((1.2 + 1.6 * 1.78 / 3) / 3, within(1e-12));
        // p2(b|a) = (1 − 0.6 + 0.38)/3 = 0.26; p3 = (1 − 0.8 + 0.8·2·0.26)/2
        assertThat(model.probability(s, A, B, D, UNIFORM)).isCloseTo(0.308, within(1e-12));
        // a continuation count of 2 (S a E and b a E): p2(E|a) = (2 − 0.6 + 0.38)/3
        assertThat(model.probability(s, A, END, D, UNIFORM)).isCloseTo((0.2 + 1.6 * 1.78 / 3) / 2, within(1e-12));
        // the unknown symbol lives on the uniform floor: p2 = 1.2·0.05/2 = 0.03, p3 = 0.8·0.03
        assertThat(model.probability(A, B, UNKNOWN, D, UNIFORM)).isCloseTo(0.024, within(1e-12));
    }

    @Test
    void unseenContextsFallToTheLowerOrders() {
        // "b b" was never seen: p = p2(a|b) = (1 − 0.6 + 1.2·1.9/6)/2
        assertThat(model.probability(B, B, A, D, UNIFORM)).isCloseTo(0.39, within(1e-12));
        // nothing ever followed the unknown symbol: p = p1(a)
        assertThat(model.probability(A, UNKNOWN, A, D, UNIFORM)).isCloseTo(1.9 / 6, within(1e-12));
        assertThat(model.unigramProbability(UNKNOWN, 0.4, UNIFORM)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void everyContextSumsToOne() {
        for (int u = 0; u <= s; u++) {
            for (int v = 0; v <= s; v++) {
                double sum = 0;
                for (int w = 0; w < 4; w++) {
                    sum += model.probability(u, v, w, D, UNIFORM);
                }
                assertThat(sum).as("context %d %d", u, v).isCloseTo(1, within(1e-12));
            }
        }
    }

    @Test
    void discountsOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new KneserNeyDiscounts(0, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unigram discount must be in (0, 1]");
        assertThatThrownBy(() -> new KneserNeyDiscounts(0.5, 0.5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trigram discount");
    }
}
