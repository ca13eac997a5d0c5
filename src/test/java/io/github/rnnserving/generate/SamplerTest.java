package io.github.rnnserving.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** ids 0 and 1 (pad, unk) most probable of all, so a sampler that drew them would show it. */
    private static final double[] PROBABILITIES = {0.30, 0.20, 0.05, 0.25, 0.15, 0.05};

    private static float[] logRow(int padding) {
        float[] row = new float[padding + PROBABILITIES.length + 3];
        for (int i = 0; i < PROBABILITIES.length; i++) {
            row[padding + i] = (float) Math.log(PROBABILITIES[i]);
        }
        return row;
    }

    private static double[] frequencies(Sampler sampler, float[] row, int offset) {
        SplittableRandom random = new SplittableRandom(19);
        double[] counts = new double[PROBABILITIES.length];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts[sampler.draw(row, offset, PROBABILITIES.length, random)]++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= draws;
        }
        return counts;
    }

    @Test
    void temperatureOneDrawsTheModelsDistributionWithoutPadOrUnknown() {
        double[] seen = frequencies(new Sampler(1, 0, 1), logRow(4), 4);
        assertThat(seen[0]).isZero();
        assertThat(seen[1]).isZero();
        double drawable = 0.05 + 0.25 + 0.15 + 0.05;
        assertThat(seen[2]).isCloseTo(0.05 / drawable, within(0.01));
        assertThat(seen[3]).isCloseTo(0.25 / drawable, within(0.01));
        assertThat(seen[4]).isCloseTo(0.15 / drawable, within(0.01));
        assertThat(seen[5]).isCloseTo(0.05 / drawable, within(0.01));
    }

    @Test
    void temperatureSharpensAndFlattens() {
        // at T = 0.5 the weights are the squares of the probabilities
        double[] sharp = frequencies(new Sampler(0.5, 0, 1), logRow(0), 0);
        double squares = 0.05 * 0.05 + 0.25 * 0.25 + 0.15 * 0.15 + 0.05 * 0.05;
        assertThat(sharp[3]).isCloseTo(0.25 * 0.25 / squares, within(0.01));
        double[] flat = frequencies(new Sampler(10, 0, 1), logRow(0), 0);
        assertThat(flat[2]).isCloseTo(flat[5], within(0.01));
        assertThat(flat[3]).isLessThan(0.3);
    }

    @Test
    void topKKeepsTheMostProbableTokensOnly() {
        double[] seen = frequencies(new Sampler(1, 2, 1), logRow(0), 0);
        assertThat(seen[2]).isZero();
        assertThat(seen[5]).isZero();
        assertThat(seen[3]).isCloseTo(0.25 / 0.40, within(0.01));
        assertThat(seen[4]).isCloseTo(0.15 / 0.40, within(0.01));
    }

    @Test
    void topPKeepsTheSmallestHeadReachingIt() {
        // drawable: 0.5, 0.3, 0.1, 0.1 once renormalised; 0.7 needs the first two
        double[] seen = frequencies(new Sampler(1, 0, 0.7), logRow(0), 0);
        assertThat(seen[2] + seen[5]).isZero();
        assertThat(seen[3]).isCloseTo(0.25 / 0.40, within(0.01));
        // a nucleus smaller than the top token keeps the top token
        double[] top = frequencies(new Sampler(1, 0, 0.01), logRow(0), 0);
        assertThat(top[3]).isEqualTo(1.0);
    }

    @Test
    void greedyAndTopKOneTakeTheMostProbableDrawableTokenAndTiesGoToTheLowerId() {
        float[] row = logRow(0);
        SplittableRandom random = new SplittableRandom(1);
        assertThat(new Sampler(0, 0, 1).draw(row, 0, PROBABILITIES.length, random))
                .isEqualTo(3);
        assertThat(new Sampler(1.7, 1, 0.9).draw(row, 0, PROBABILITIES.length, random))
                .isEqualTo(3);
        float[] tie = {0f, 0f, -2f, -1f, -1f, -3f};
        assertThat(Sampler.argMax(tie, 0, 6)).isEqualTo(3);
        assertThat(new Sampler(1, 1, 1).draw(tie, 0, 6, random)).isEqualTo(3);
    }

    @Test
    void theSameStreamDrawsTheSameTokens() {
        Sampler sampler = new Sampler(1.3, 3, 0.95);
        float[] row = logRow(0);
        SplittableRandom first = new SplittableRandom(42);
        SplittableRandom second = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(sampler.draw(row, 0, 6, first)).isEqualTo(sampler.draw(row, 0, 6, second));
        }
    }
}
