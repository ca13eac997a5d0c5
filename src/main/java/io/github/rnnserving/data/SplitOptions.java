package io.github.rnnserving.data;

/**
 * How {@link DatasetSplitter} splits: the random seed, the fractions of each label that go to
 * validation and test, and whether duplicates ({@link Example#groupKey() equal keys}) stay
 * together.
 */
public record SplitOptions(long seed, double validationFraction, double testFraction, boolean groupDuplicates) {

    public SplitOptions {
        requireFraction("validationFraction", validationFraction);
        requireFraction("testFraction", testFraction);
        if (validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException(
                    "validationFraction + testFraction must be < 1 so that something is left to"
                            + " train on, got "
                            + validationFraction
                            + " + "
                            + testFraction);
        }
    }

    private static void requireFraction(String name, double value) {
        // written so that NaN fails too
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }
}
