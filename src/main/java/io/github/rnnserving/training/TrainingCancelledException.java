package io.github.rnnserving.training;

/** The run was asked to stop; the last epoch checkpoint stays so it can resume. */
public class TrainingCancelledException extends RuntimeException {

    public TrainingCancelledException(int epoch, int step) {
        super("cancelled at epoch " + epoch + ", step " + step);
    }
}
