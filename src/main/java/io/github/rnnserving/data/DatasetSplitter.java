package io.github.rnnserving.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Deterministic, stratified train/validation/test split.
 *
 * <p>The algorithm:
 *
 * <ol>
 *   <li>Form units: each example alone, or with {@code groupDuplicates} all examples with the same
 *       {@link Example#groupKey()} (keys compared with {@code equals}; a null key, as for images,
 *       never groups).
 *   <li>Put each unit in the stratum of its first example's label.
 *   <li>For each stratum, shuffle its units (kept in input order beforehand) with a Fisher-Yates
 *       shuffle driven by {@code java.util.Random} seeded from the seed and the label, so one
 *       label's split does not depend on the other labels.
 *   <li>Walk the shuffled units, filling test and then validation up to {@code fraction × examples
 *       in the stratum}: a unit is taken while taking it brings the count closer to that target
 *       than stopping does. The rest is train. Each label's share in each split is therefore off
 *       by at most half a unit (half an example when nothing is grouped) for test and validation.
 *   <li>Every split keeps the input order of its examples; shuffle per epoch when training.
 * </ol>
 *
 * <p>Only the input order, the labels, the keys and the options matter, so the same inputs and seed
 * give the same split whatever the {@link List} implementation. {@code java.util.Random}'s
 * sequence is fixed by its specification, so the split is also the same on every JVM.
 */
public final class DatasetSplitter {

    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;

    /** Spreads a label's hash over the seed's 64 bits (the golden-ratio constant). */
    private static final long LABEL_SEED_MIX = 0x9E3779B97F4A7C15L;

    private final SplitOptions options;

    public DatasetSplitter(SplitOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SplitOptions options() {
        return options;
    }

    public <T extends Example> DatasetSplit<T> split(List<T> input) {
        // indexed access below would be quadratic on a LinkedList
        List<T> examples = new ArrayList<>(input);
        int[] parts = assign(examples);
        List<T> train = new ArrayList<>();
        List<T> validation = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            switch (parts[i]) {
                case TRAIN -> train.add(examples.get(i));
                case VALIDATION -> validation.add(examples.get(i));
                default -> test.add(examples.get(i));
            }
        }
        return new DatasetSplit<>(train, validation, test);
    }

    /**
     * Splits {@code training} into train and validation and takes {@code test} as it is, for
     * datasets with an official test set (MNIST's t10k). The validation fraction is a fraction of
     * {@code training}; the options' test fraction must be 0, since no test set is drawn.
     */
    public <T extends Example> DatasetSplit<T> splitWithGivenTest(List<T> training, List<T> test) {
        if (options.testFraction() != 0) {
            throw new IllegalArgumentException(
                    "the test set is given, so testFraction must be 0, got " + options.testFraction());
        }
        DatasetSplit<T> trainAndValidation = split(training);
        return new DatasetSplit<>(trainAndValidation.train(), trainAndValidation.validation(), test);
    }

    /** The part (TRAIN, VALIDATION or TEST) of each example, by index. */
    private int[] assign(List<? extends Example> examples) {
        Map<String, List<List<Integer>>> unitsByLabel = new TreeMap<>();
        for (List<Integer> unit : units(examples)) {
            String label = examples.get(unit.get(0)).label();
            unitsByLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(unit);
        }
        int[] parts = new int[examples.size()];
        unitsByLabel.forEach((label, units) -> {
            long labelSeed = options.seed() ^ (label.hashCode() * LABEL_SEED_MIX);
            shuffle(units, new Random(labelSeed));
            int exampleCount = units.stream().mapToInt(List::size).sum();
            double testTarget = options.testFraction() * exampleCount;
            double validationTarget = options.validationFraction() * exampleCount;
            int next = fill(units, 0, testTarget, TEST, parts);
            next = fill(units, next, validationTarget, VALIDATION, parts);
            fill(units, next, Double.POSITIVE_INFINITY, TRAIN, parts);
        });
        return parts;
    }

    /** Units of example indices, in order of their first example. */
    private List<List<Integer>> units(List<? extends Example> examples) {
        List<List<Integer>> units = new ArrayList<>();
        Map<String, List<Integer>> unitByKey = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            String key = options.groupDuplicates() ? examples.get(i).groupKey() : null;
            if (key == null) {
                units.add(new ArrayList<>(List.of(i)));
                continue;
            }
            List<Integer> unit = unitByKey.get(key);
            if (unit == null) {
                unit = new ArrayList<>();
                unitByKey.put(key, unit);
                units.add(unit);
            }
            unit.add(i);
        }
        return units;
    }

    /**
     * Assigns units from {@code start} on to {@code part} while each brings the example count
     * closer to {@code target}; returns the index of the first unit not assigned.
     */
    private static int fill(List<List<Integer>> units, int start, double target, int part, int[] parts) {
        int count = 0;
        int next = start;
        while (next < units.size() && count + units.get(next).size() / 2.0 <= target) {
            for (int index : units.get(next)) {
                parts[index] = part;
            }
            count += units.get(next).size();
            next++;
        }
        return next;
    }

    /** Fisher-Yates, written out so that the order does not hinge on Collections.shuffle. */
    private static <E> void shuffle(List<E> list, Random random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            E swapped = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swapped);
        }
    }
}
