package io.github.rnnserving.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.rnnserving.model.RecurrentClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Backpropagation through time with our own loop rather than DJL's {@code EasyTrain}: it clips
 * the global gradient norm (DJL only clamps each value from above), can stop at any step, keeps
 * optimizer state that a checkpoint can hold, and restores the best epoch on validation. What is
 * trained, its loss and its validation score are a {@link TrainingObjective}'s: a classifier's
 * labels, or a language model's next characters.
 *
 * <p>Repeatable on CPU: initial weights, shuffling and dropout all derive from the seed and the
 * epoch number, so a run resumed from its epoch-{@code n} checkpoint ends with the same weights as
 * one that never stopped. The run's progress is a {@link RunState}, written to and read from
 * checkpoints by {@link RunCheckpoints}.
 */
public final class BpttTrainer {

    private final TrainingSettings settings;
    private final TrainingListener listener;

    public BpttTrainer(TrainingSettings settings, TrainingListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Trains {@code classifier} (already initialised on {@code manager}).
     *
     * @param checkpoints where to keep a checkpoint after every epoch, or {@code null}
     * @param runKey identifies the run's settings and data: a checkpoint of another run is refused
     * @param cancelled polled at every step; when true the run ends with {@link
     *     TrainingCancelledException}
     */
    public TrainingResult train(
            RecurrentClassifier classifier,
            NDManager manager,
            LabeledInputs train,
            LabeledInputs validation,
            Checkpoints checkpoints,
            String runKey,
            BooleanSupplier cancelled) {
        if (train.size() == 0) {
            throw new TrainingFailedException("the training split is empty");
        }
        ClassifierObjective objective =
                new ClassifierObjective(classifier, train, validation, settings.classWeightPower());
        return train(objective, manager, validation.size() == 0, checkpoints, runKey, cancelled);
    }

    /**
     * Trains the objective's network (already initialised on {@code manager}).
     *
     * @param noValidation every epoch counts as the best when there is nothing to validate on
     */
    TrainingResult train(
            TrainingObjective objective,
            NDManager manager,
            boolean noValidation,
            Checkpoints checkpoints,
            String runKey,
            BooleanSupplier cancelled) {
        Map<String, Parameter> parameters = objective.namedParameters();
        List<NDArray> weights = new ArrayList<>();
        for (Parameter parameter : parameters.values()) {
            weights.add(parameter.getArray());
        }
        ParameterUpdater updater = ParameterUpdater.create(settings, weights, manager);
        BestWeights best = new BestWeights(weights, manager);

        RunState run = new RunState(settings.learningRate(), objective.direction());
        if (checkpoints != null) {
            RunCheckpoints.resume(checkpoints, runKey, parameters, updater, best, run, manager, listener);
        }
        int[] lengths = objective.trainLengths();
        long started = System.nanoTime();
        boolean stoppedEarly = false;
        for (int epoch = run.epochsDone + 1; epoch <= settings.epochs(); epoch++) {
            if (settings.patience() > 0 && run.epochsSinceBest >= settings.patience()) {
                stoppedEarly = true;
                break;
            }
            EpochStats stats = trainEpoch(epoch, objective, manager, lengths, weights, updater, run, cancelled);
            double score = stats.validationBitsPerCharacter() != null
                    ? stats.validationBitsPerCharacter()
                    : stats.validationAccuracy();
            boolean improved = noValidation || objective.direction().better(score, run.bestScore);
            if (improved) {
                run.bestScore = score;
                run.bestEpoch = epoch;
                run.epochsSinceBest = 0;
                best.remember(weights);
            } else {
                run.epochsSinceBest++;
            }
            run.history.add(stats);
            run.epochsDone = epoch;
            run.learningRate *= settings.learningRateDecay();
            if (checkpoints != null) {
                RunCheckpoints.save(checkpoints, runKey, parameters, updater, best, run);
            }
            listener.onEpochEnd(stats, improved);
        }
        if (settings.patience() > 0
                && run.epochsSinceBest >= settings.patience()
                && run.epochsDone < settings.epochs()) {
            stoppedEarly = true;
        }
        best.restoreInto(weights);
        double seconds = (System.nanoTime() - started) / 1e9;
        EpochStats bestStats = run.history.get(run.bestEpoch - 1);
        return new TrainingResult(
                run.history,
                run.bestEpoch,
                bestStats.validationAccuracy(),
                bestStats.validationBitsPerCharacter(),
                stoppedEarly,
                run.resumedAfter,
                seconds);
    }

    private EpochStats trainEpoch(
            int epoch,
            TrainingObjective objective,
            NDManager manager,
            int[] lengths,
            List<NDArray> weights,
            ParameterUpdater updater,
            RunState run,
            BooleanSupplier cancelled) {
        // every epoch's randomness derives from (seed, epoch): a resumed run repeats it exactly
        Engine.getInstance().setRandomSeed((int) (settings.seed() * 1_000_003L + epoch));
        List<int[]> batches =
                BatchPlan.shuffled(lengths, settings.batchSize(), new Random(settings.seed() * 31 + epoch));
        listener.onEpochStart(epoch, settings.epochs(), batches.size());
        long started = System.nanoTime();
        double lossSum = 0;
        long weightSum = 0;
        long correct = 0;
        long samples = 0;
        int step = 0;
        for (int[] batch : batches) {
            if (cancelled.getAsBoolean()) {
                throw new TrainingCancelledException(epoch, step);
            }
            step++;
            try (NDManager scope = manager.newSubManager()) {
                float loss;
                TrainingObjective.BatchLoss batchLoss;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    batchLoss = objective.trainBatch(scope, batch, settings.truncation());
                    collector.backward(batchLoss.loss());
                    loss = batchLoss.loss().getFloat();
                }
                if (!Float.isFinite(loss)) {
                    throw new TrainingFailedException("loss became " + loss + " at epoch " + epoch + ", step " + step
                            + ": lower the learning rate or set a gradient clip norm");
                }
                List<NDArray> gradients = gradients(weights, scope);
                clip(gradients, epoch, step);
                updater.update(weights, gradients, (float) run.learningRate);
                for (NDArray gradient : gradients) {
                    gradient.subi(gradient);
                }
                lossSum += loss * batchLoss.weight();
                weightSum += batchLoss.weight();
                correct += batchLoss.correct();
                samples += batch.length;
            }
            listener.onStep(epoch, step, batches.size(), lossSum / weightSum, (double) correct / weightSum, samples);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        TrainingObjective.Validation checked = objective.validate(manager, Math.max(settings.batchSize(), 256));
        return new EpochStats(
                epoch,
                lossSum / weightSum,
                (double) correct / weightSum,
                checked.loss(),
                checked.accuracy(),
                run.learningRate,
                samples / Math.max(seconds, 1e-9),
                seconds,
                checked.bitsPerCharacter(),
                checked.bitsPerCharacter() == null ? null : Math.exp(checked.loss()));
    }

    private static List<NDArray> gradients(List<NDArray> weights, NDManager scope) {
        List<NDArray> gradients = new ArrayList<>(weights.size());
        for (NDArray weight : weights) {
            NDArray gradient = weight.getGradient();
            gradient.attach(scope);
            gradients.add(gradient);
        }
        return gradients;
    }

    private void clip(List<NDArray> gradients, int epoch, int step) {
        double norm = GradientClipping.clipGlobalNorm(gradients, settings.clipNorm());
        if (!Double.isFinite(norm)) {
            throw new TrainingFailedException("gradient norm became " + norm + " at epoch " + epoch + ", step " + step
                    + ": lower the learning rate or set a gradient clip norm");
        }
    }
}
