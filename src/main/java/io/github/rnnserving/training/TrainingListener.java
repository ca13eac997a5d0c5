package io.github.rnnserving.training;

/** Receives progress as a run goes; the command line draws a bar, jobs record it. */
public interface TrainingListener {

    default void onResume(int epochsDone) {}

    /** A run resumed from a checkpoint after {@code epochsDone} epochs, whose stats are {@code history}. */
    default void onResume(int epochsDone, java.util.List<EpochStats> history) {
        onResume(epochsDone);
    }

    default void onEpochStart(int epoch, int epochs, int steps) {}

    /**
     * @param loss the running mean training loss of this epoch so far
     * @param accuracy the running training accuracy of this epoch so far
     */
    default void onStep(int epoch, int step, int steps, double loss, double accuracy, long samples) {}

    default void onEpochEnd(EpochStats stats, boolean improved) {}

    TrainingListener NONE = new TrainingListener() {};
}
