package io.github.rnnserving.training;

/**
 * One BPTT run's settings; every field is bounded so a bad value fails before training starts.
 *
 * @param truncation truncated-BPTT length k: the gradient through the recurrence is cut every k
 *     steps while the state is carried forward; 0 means full backpropagation through time
 * @param clipNorm the global gradient L2 norm is scaled down to this value when above it; 0 is off
 * @param learningRateDecay multiplies the learning rate after every epoch; 1 is off
 * @param patience stop after this many epochs without a better validation accuracy; 0 is off
 * @param classWeightPower each class's loss is weighted by {@code (1 / its training count)} to this
 *     power, normalised so the average example weighs 1: 0 is off (plain mean), 1 balances the
 *     classes fully, 0.5 by the inverse square root of their counts
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        OptimizerKind optimizer,
        float learningRate,
        float momentum,
        float weightDecay,
        float learningRateDecay,
        int truncation,
        float clipNorm,
        int patience,
        float classWeightPower,
        long seed) {

    public TrainingSettings {
        require(epochs >= 1 && epochs <= 1000, "epochs must be 1 to 1000");
        require(batchSize >= 1 && batchSize <= 4096, "batchSize must be 1 to 4096");
        require(optimizer != null, "optimizer is required");
        require(learningRate > 0 && learningRate <= 10, "learningRate must be in (0, 10]");
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1)");
        require(weightDecay >= 0 && weightDecay < 1, "weightDecay must be in [0, 1)");
        require(learningRateDecay > 0 && learningRateDecay <= 1, "learningRateDecay must be in (0, 1]");
        require(truncation >= 0 && truncation <= 100_000, "truncation must be 0 to 100000");
        require(clipNorm >= 0 && clipNorm <= 1e6, "clipNorm must be 0 (off) to 1e6");
        require(patience >= 0 && patience <= 1000, "patience must be 0 (off) to 1000");
        require(classWeightPower >= 0 && classWeightPower <= 1, "classWeightPower must be 0 (off) to 1");
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(10, 64, OptimizerKind.ADAM, 0.002f, 0.9f, 0f, 1f, 0, 5f, 0, 0f, 42);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
