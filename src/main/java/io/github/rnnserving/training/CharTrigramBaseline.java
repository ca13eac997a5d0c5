package io.github.rnnserving.training;

import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.LoadedDataset;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The baseline a character generator must beat: a character trigram model with interpolated
 * Kneser–Ney smoothing (one discount per order), fitted on the training split, its settings tuned
 * on the validation split, scored in bits per character on validation and test.
 *
 * <p>Conditioning on the language: each language has its own trigram tables, whose unigram level
 * falls back on the all-languages unigram level (rather than on the uniform distribution), and the
 * resulting per-language distribution is mixed with the all-languages trigram model, {@code
 * λ · per-language + (1 − λ) · all-languages}. Tuning goes in three steps, each a grid search on
 * validation: the all-languages discounts alone; then the per-language discounts (one triple for
 * every language) with λ = 1; then λ. Since λ = 0 and λ = 1 are grid points, the mixture is on
 * validation at least as good as either model alone.
 *
 * <p>Counted units, as for the LSTM: every character plus one end symbol per name. The unknown
 * symbol stands for every character the training split lacks; it takes its probability from the
 * uniform floor under the unigram level, so every distribution sums to 1 over the vocabulary.
 */
public final class CharTrigramBaseline {

    public static final List<Double> DISCOUNT_GRID = KneserNeyTuning.grid(0.05, 1, 0.05);
    public static final List<Double> WEIGHT_GRID = KneserNeyTuning.grid(0, 1, 0.05);

    static final String UNIFORM = "uniform";
    static final String UNIGRAM = "unigram";
    static final String UNCONDITIONED = "kn-trigram";
    static final String LANGUAGE_ALONE = "kn-trigram-per-language";
    static final String CONDITIONED = "kn-trigram-conditioned";

    /** One text as symbol ids ending with the end symbol, and its condition's index. */
    record EncodedName(int condition, int[] ids) {}

    private final CharSymbols symbols;
    private final List<String> conditions;
    private final KneserNeyTrigram global;
    private final List<KneserNeyTrigram> byCondition = new ArrayList<>();
    private final long[] unigramCounts;
    private final long unigramTotal;
    private final List<EncodedName> validation;
    private final KneserNeyDiscounts globalDiscounts;
    private final KneserNeyDiscounts conditionDiscounts;
    private final double conditionWeight;
    private final BaselineReport report;

    private CharTrigramBaseline(LoadedDataset dataset, List<Double> discountGrid, List<Double> weightGrid) {
        conditions = dataset.labels();
        List<TextExample> train = texts(dataset.split().train());
        symbols = CharSymbols.fit(
                Tokenizer.characters(), train.stream().map(TextExample::text).toList());
        BaselineReport.SplitCounts[] counts = new BaselineReport.SplitCounts[3];
        List<EncodedName> trainNames = encode(train, counts, 0);
        validation = encode(texts(dataset.split().validation()), counts, 1);
        List<EncodedName> test = encode(texts(dataset.split().test()), counts, 2);

        global = new KneserNeyTrigram(
                symbols.size(), trainNames.stream().map(EncodedName::ids).toList());
        for (int c = 0; c < conditions.size(); c++) {
            int condition = c;
            byCondition.add(new KneserNeyTrigram(
                    symbols.size(),
                    trainNames.stream()
                            .filter(n -> n.condition() == condition)
                            .map(EncodedName::ids)
                            .toList()));
        }
        unigramCounts = new long[symbols.size()];
        for (EncodedName name : trainNames) {
            for (int id : name.ids()) {
                unigramCounts[id]++;
            }
        }
        unigramTotal = Arrays.stream(unigramCounts).sum();

        Events events = events(validation);
        double uniform = 1.0 / symbols.size();
        KneserNeyCounts[] globalCounts = new KneserNeyCounts[events.size()];
        KneserNeyCounts[] conditionCounts = new KneserNeyCounts[events.size()];
        double[] uniformBase = new double[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Event e = events.keys().get(i);
            globalCounts[i] = global.counts(e.u(), e.v(), e.w());
            conditionCounts[i] = byCondition.get(e.condition()).counts(e.u(), e.v(), e.w());
            uniformBase[i] = uniform;
        }
        globalDiscounts = KneserNeyTuning.discounts(globalCounts, uniformBase, events.weights(), discountGrid)
                .value();
        double[] globalBase = new double[events.size()];
        double[] general = new double[events.size()];
        for (int i = 0; i < events.size(); i++) {
            globalBase[i] = globalCounts[i].unigramLevel(globalDiscounts.unigram(), uniform);
            general[i] = globalCounts[i].probability(globalDiscounts, uniform);
        }
        conditionDiscounts = KneserNeyTuning.discounts(conditionCounts, globalBase, events.weights(), discountGrid)
                .value();
        double[] specific = new double[events.size()];
        for (int i = 0; i < events.size(); i++) {
            specific[i] = conditionCounts[i].probability(conditionDiscounts, globalBase[i]);
        }
        conditionWeight = KneserNeyTuning.weight(specific, general, events.weights(), weightGrid)
                .value();

        report = new BaselineReport(
                dataset.spec().path(),
                symbols.size(),
                conditions,
                counts[0],
                counts[1],
                counts[2],
                globalDiscounts,
                conditionDiscounts,
                conditionWeight,
                scores(validation, test));
    }

    /** Fits on the training split and tunes on validation over the default grids. */
    public static CharTrigramBaseline fit(LoadedDataset dataset) {
        return fit(dataset, DISCOUNT_GRID, WEIGHT_GRID);
    }

    public static CharTrigramBaseline fit(LoadedDataset dataset, List<Double> discountGrid, List<Double> weightGrid) {
        return new CharTrigramBaseline(dataset, discountGrid, weightGrid);
    }

    public BaselineReport report() {
        return report;
    }

    int vocabularySize() {
        return symbols.size();
    }

    int startSymbol() {
        return global.startSymbol();
    }

    CharSymbols symbols() {
        return symbols;
    }

    KneserNeyTrigram global() {
        return global;
    }

    List<EncodedName> validation() {
        return validation;
    }

    /** {@code p(w | u v)} of the all-languages model, with its tuned discounts. */
    double unconditioned(int u, int v, int w) {
        return global.probability(u, v, w, globalDiscounts, 1.0 / symbols.size());
    }

    /** {@code p(w | u v, condition)} of that condition's tables alone (λ = 1). */
    double conditionAlone(int condition, int u, int v, int w) {
        double base = global.unigramProbability(w, globalDiscounts.unigram(), 1.0 / symbols.size());
        return byCondition.get(condition).probability(u, v, w, conditionDiscounts, base);
    }

    /** {@code p(w | u v, condition)} of the conditioned model: the tuned mixture. */
    double conditioned(int condition, int u, int v, int w) {
        return conditionWeight * conditionAlone(condition, u, v, w) + (1 - conditionWeight) * unconditioned(u, v, w);
    }

    /** Add-one unigram: {@code (c(w) + 1) / (N + V)}, so that the unknown symbol has mass too. */
    double unigram(int w) {
        return (unigramCounts[w] + 1.0) / (unigramTotal + symbols.size());
    }

    private List<BaselineReport.Score> scores(List<EncodedName> validationNames, List<EncodedName> testNames) {
        Events v = events(validationNames);
        Events t = events(testNames);
        List<BaselineReport.Score> scores = new ArrayList<>();
        scores.add(score(UNIFORM, v, t, e -> 1.0 / symbols.size()));
        scores.add(score(UNIGRAM, v, t, e -> unigram(e.w())));
        scores.add(score(UNCONDITIONED, v, t, e -> unconditioned(e.u(), e.v(), e.w())));
        scores.add(score(LANGUAGE_ALONE, v, t, e -> conditionAlone(e.condition(), e.u(), e.v(), e.w())));
        scores.add(score(CONDITIONED, v, t, e -> conditioned(e.condition(), e.u(), e.v(), e.w())));
        return scores;
    }

    private static BaselineReport.Score score(String model, Events validation, Events test, ToDoubleFunction<Event> p) {
        return BaselineReport.Score.of(model, validation.bits(p), test.bits(p));
    }

    /** A distinct {@code (condition, u, v) → w} of a split. */
    record Event(int condition, int u, int v, int w) {}

    /** A split's distinct events and how often each occurs. */
    record Events(List<Event> keys, int[] weights) {

        int size() {
            return keys.size();
        }

        double bits(ToDoubleFunction<Event> probability) {
            double[] p = new double[keys.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = probability.applyAsDouble(keys.get(i));
            }
            return KneserNeyTuning.bitsPerCharacter(p, weights);
        }
    }

    private Events events(List<EncodedName> names) {
        Map<Event, Integer> counts = new LinkedHashMap<>();
        int start = global.startSymbol();
        for (EncodedName name : names) {
            int u = start;
            int v = start;
            for (int w : name.ids()) {
                counts.merge(new Event(name.condition(), u, v, w), 1, Integer::sum);
                u = v;
                v = w;
            }
        }
        return new Events(
                List.copyOf(counts.keySet()),
                counts.values().stream().mapToInt(Integer::intValue).toArray());
    }

    private List<EncodedName> encode(List<TextExample> examples, BaselineReport.SplitCounts[] counts, int split) {
        List<EncodedName> names = new ArrayList<>();
        long units = 0;
        long unknown = 0;
        int empty = 0;
        for (TextExample example : examples) {
            int[] ids = symbols.encode(example.text());
            if (ids.length == 0) {
                empty++;
                continue;
            }
            int condition = conditions.indexOf(example.label());
            if (condition < 0) {
                throw new IllegalArgumentException("label '" + example.label() + "' is not in the dataset's labels");
            }
            names.add(new EncodedName(condition, ids));
            units += ids.length;
            for (int id : ids) {
                unknown += id == CharSymbols.UNKNOWN_ID ? 1 : 0;
            }
        }
        counts[split] = new BaselineReport.SplitCounts(names.size(), units, unknown, empty);
        return names;
    }

    private static List<TextExample> texts(List<Example> examples) {
        List<TextExample> texts = new ArrayList<>(examples.size());
        for (Example example : examples) {
            if (!(example instanceof TextExample text)) {
                throw new IllegalArgumentException("the character baseline reads texts; this dataset holds images");
            }
            texts.add(text);
        }
        return texts;
    }
}
