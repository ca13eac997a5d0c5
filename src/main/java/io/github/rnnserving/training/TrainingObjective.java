package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * What {@link BpttTrainer} trains and how it is scored: the network's parameters, the loss of one
 * batch of training examples, and the validation score that chooses the best epoch. The loop
 * itself (shuffling, clipping, updates, checkpoints, cancel, patience, decay) is the trainer's and
 * the same for every task.
 */
interface TrainingObjective {

    /** The network's parameters under PyTorch's names, in a fixed order: what checkpoints hold. */
    Map<String, Parameter> namedParameters();

    /** Steps of every training example, by index; the batch plan groups similar lengths. */
    int[] trainLengths();

    /**
     * Runs the batch of training examples {@code batch} (indices) forwards in training mode, inside
     * the caller's gradient collector, and answers its loss (a scalar the collector backpropagates)
     * with the counts the running metrics need. Arrays belong to {@code scope}.
     */
    BatchLoss trainBatch(NDManager scope, int[] batch, int truncation);

    /** Loss and score on the validation split, the network in inference mode; none when it is empty. */
    Validation validate(NDManager manager, int batchSize);

    /** Whether a higher validation score is better (accuracy) or a lower one (bits per character). */
    ScoreDirection direction();

    /**
     * @param loss the batch's mean loss, a scalar
     * @param weight what that mean is over (examples, or target positions), to average batches
     * @param correct predictions that were right (classes, or next tokens)
     */
    record BatchLoss(NDArray loss, long weight, long correct) {}

    /**
     * @param loss mean loss per example (classifier) or per target position (language model)
     * @param accuracy the share of right predictions
     * @param bitsPerCharacter a language model's loss in bits; null for a classifier
     * @param score what chooses the best epoch, in {@link #direction()}
     */
    record Validation(double loss, double accuracy, Double bitsPerCharacter, double score) {}
}
