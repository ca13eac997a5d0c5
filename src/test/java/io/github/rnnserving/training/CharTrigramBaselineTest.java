package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.data.DatasetLoader;
import io.github.rnnserving.data.DatasetPresets;
import io.github.rnnserving.data.LoadedDataset;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.support.SharedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The baseline on the names data, split exactly as {@code train --dataset names} splits it. */
class CharTrigramBaselineTest {

    private static final List<Double> COARSE = List.of(0.3, 0.6, 0.9);
    private static final List<Double> WEIGHTS = List.of(0.0, 0.5, 0.8, 1.0);

    private static LoadedDataset names;
    private static CharTrigramBaseline tuned;
    private static CharTrigramBaseline coarse;

    @BeforeAll
    static void fit() {
        names = DatasetLoader.load(DatasetPresets.preset("names", SharedFiles.requireData(), 42, 0.1, 0.1, null));
        tuned = CharTrigramBaseline.fit(names);
        coarse = CharTrigramBaseline.fit(names, COARSE, WEIGHTS);
    }

    @Test
    void scoresTheTrainersSplitAndConditioningHelps() {
        BaselineReport report = tuned.report();
        for (BaselineReport.Score s : report.scores()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-26s validation %.4f bpc (ppl %.3f), test %.4f bpc (ppl %.3f)%n",
                    s.model(),
                    s.validationBits(),
                    s.validationPerplexity(),
                    s.testBits(),
                    s.testPerplexity());
        }
        System.out.println(report.unconditionedDiscounts() + " " + report.languageDiscounts() + " lambda "
                + report.languageWeight());

        assertThat(report.validation().names())
                .isEqualTo(names.split().validation().size());
        assertThat(report.test().names()).isEqualTo(names.split().test().size());
        assertThat(report.train().names()
                        + report.validation().names()
                        + report.test().names())
                .isEqualTo(20074);
        // characters (one per code point after NFKC, as the generator cuts them) plus one end per name
        Tokenizer characters = Tokenizer.characters();
        long validationCharacters = names.split().validation().stream()
                .mapToLong(e -> characters.tokenize(((TextExample) e).text()).size())
                .sum();
        assertThat(report.validation().symbols())
                .isEqualTo(validationCharacters + report.validation().names());

        double conditioned = report.score(CharTrigramBaseline.CONDITIONED).validationBits();
        double unconditioned = report.score(CharTrigramBaseline.UNCONDITIONED).validationBits();
        double alone = report.score(CharTrigramBaseline.LANGUAGE_ALONE).validationBits();
        assertThat(conditioned).isLessThan(unconditioned - 0.1).isLessThanOrEqualTo(alone);
        assertThat(unconditioned)
                .isLessThan(report.score(CharTrigramBaseline.UNIGRAM).validationBits());
        assertThat(report.score(CharTrigramBaseline.UNIFORM).validationBits())
                .isCloseTo(Math.log(report.vocabularySize()) / Math.log(2), within(1e-9));
        assertThat(report.languageWeight()).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void everyDistributionSumsToOne() {
        int v = tuned.vocabularySize();
        int start = tuned.startSymbol();
        double unigram = 0;
        for (int w = 0; w < v; w++) {
            unigram += tuned.unigram(w);
        }
        assertThat(unigram).isCloseTo(1, within(1e-9));
        // unconditioned: every context, the start and unknown symbols included
        for (int a = 0; a <= start; a++) {
            for (int b = 0; b <= start; b++) {
                double sum = 0;
                for (int w = 0; w < v; w++) {
                    sum += tuned.unconditioned(a, b, w);
                }
                assertThat(sum).as("context %d %d", a, b).isCloseTo(1, within(1e-9));
            }
        }
        // conditioned: every language; first symbols start, end, unknown and every 5th character;
        // every second symbol
        List<Integer> firsts = new ArrayList<>(List.of(start, CharSymbols.END_ID, CharSymbols.UNKNOWN_ID));
        for (int a = 2; a < v; a += 5) {
            firsts.add(a);
        }
        for (int condition = 0; condition < tuned.report().conditions().size(); condition++) {
            for (int a : firsts) {
                for (int b = 0; b <= start; b++) {
                    double conditioned = 0;
                    double alone = 0;
                    for (int w = 0; w < v; w++) {
                        conditioned += tuned.conditioned(condition, a, b, w);
                        alone += tuned.conditionAlone(condition, a, b, w);
                    }
                    assertThat(conditioned)
                            .as("condition %d context %d %d", condition, a, b)
                            .isCloseTo(1, within(1e-9));
                    assertThat(alone)
                            .as("condition %d context %d %d", condition, a, b)
                            .isCloseTo(1, within(1e-9));
                }
            }
        }
    }

    @Test
    void tuningPicksTheGridPointWithTheFewestValidationBits() {
        BaselineReport report = coarse.report();
        KneserNeyTrigram global = coarse.global();
        double uniform = 1.0 / coarse.vocabularySize();
        KneserNeyDiscounts best = null;
        double bestBits = Double.POSITIVE_INFINITY;
        for (double d1 : COARSE) {
            for (double d2 : COARSE) {
                for (double d3 : COARSE) {
                    KneserNeyDiscounts d = new KneserNeyDiscounts(d1, d2, d3);
                    double bits = bits(coarse, (c, u, v, w) -> global.probability(u, v, w, d, uniform));
                    if (bits < bestBits) {
                        bestBits = bits;
                        best = d;
                    }
                }
            }
        }
        assertThat(report.unconditionedDiscounts()).isEqualTo(best);
        assertThat(report.score(CharTrigramBaseline.UNCONDITIONED).validationBits())
                .isCloseTo(bestBits, within(1e-9));

        double bestWeight = -1;
        double bestMixed = Double.POSITIVE_INFINITY;
        for (double lambda : WEIGHTS) {
            double bits = bits(
                    coarse,
                    (c, u, v, w) ->
                            lambda * coarse.conditionAlone(c, u, v, w) + (1 - lambda) * coarse.unconditioned(u, v, w));
            if (bits < bestMixed) {
                bestMixed = bits;
                bestWeight = lambda;
            }
        }
        assertThat(report.languageWeight()).isEqualTo(bestWeight);
        assertThat(report.score(CharTrigramBaseline.CONDITIONED).validationBits())
                .isCloseTo(bestMixed, within(1e-9));
        // the default grid holds every coarse point, so it can only do better
        assertThat(tuned.report().score(CharTrigramBaseline.UNCONDITIONED).validationBits())
                .isLessThanOrEqualTo(bestBits + 1e-12);
    }

    interface Probability {
        double of(int condition, int u, int v, int w);
    }

    /** Validation bits per character, name by name and symbol by symbol, with no shared code path. */
    private static double bits(CharTrigramBaseline model, Probability p) {
        double bits = 0;
        long count = 0;
        for (CharTrigramBaseline.EncodedName name : model.validation()) {
            int u = model.startSymbol();
            int v = model.startSymbol();
            for (int w : name.ids()) {
                bits -= Math.log(p.of(name.condition(), u, v, w)) / Math.log(2);
                count++;
                u = v;
                v = w;
            }
        }
        return bits / count;
    }
}
