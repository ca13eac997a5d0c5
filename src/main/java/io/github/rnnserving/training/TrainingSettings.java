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

    /** The defaults of the command line and the job API alike: {@link Builder}'s starting values. */
    public static TrainingSettings defaults() {
        return builder().build();
    }

    /** Starts from the defaults; set what differs, by name, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Names each of the twelve settings where the positional constructor would not; its initial
     * values are the one place the defaults are written.
     */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 64;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private float learningRate = 0.002f;
        private float momentum = 0.9f;
        private float weightDecay = 0f;
        private float learningRateDecay = 1f;
        private int truncation = 0;
        private float clipNorm = 5f;
        private int patience = 0;
        private float classWeightPower = 0f;
        private long seed = 42;

        private Builder() {}

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optimizer(OptimizerKind optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder learningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder momentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder weightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder learningRateDecay(float learningRateDecay) {
            this.learningRateDecay = learningRateDecay;
            return this;
        }

        public Builder truncation(int truncation) {
            this.truncation = truncation;
            return this;
        }

        public Builder clipNorm(float clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder classWeightPower(float classWeightPower) {
            this.classWeightPower = classWeightPower;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public TrainingSettings build() {
            return new TrainingSettings(
                    epochs,
                    batchSize,
                    optimizer,
                    learningRate,
                    momentum,
                    weightDecay,
                    learningRateDecay,
                    truncation,
                    clipNorm,
                    patience,
                    classWeightPower,
                    seed);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
