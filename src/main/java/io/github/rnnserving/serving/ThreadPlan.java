package io.github.rnnserving.serving;

/**
 * Who gets the CPU cores, decided in one place: {@code forwardWorkers} threads run every model's
 * forward passes (a worker serves whichever model's queue waited longest, so no model starves
 * another), each using {@code intraOpThreads} libtorch threads. Together they never take more than
 * the cores; by default they take half, leaving the rest to HTTP, JSON and image decoding, and a
 * training job.
 *
 * @param cores the CPU cores this service may use
 * @param intraOpThreads libtorch threads inside one forward pass (one operator)
 * @param interOpThreads libtorch's pool for parallel operators (TorchScript {@code fork})
 * @param forwardWorkers threads running forward passes, all models together
 */
public record ThreadPlan(int cores, int intraOpThreads, int interOpThreads, int forwardWorkers) {

    public ThreadPlan {
        if (cores < 1 || intraOpThreads < 1 || interOpThreads < 1 || forwardWorkers < 1) {
            throw new IllegalArgumentException("cores, intra-op threads, inter-op threads and forward workers must be"
                    + " at least 1 (got " + cores + ", " + intraOpThreads + ", " + interOpThreads + ", "
                    + forwardWorkers + ")");
        }
        if ((long) forwardWorkers * intraOpThreads > cores) {
            throw new IllegalArgumentException("rnn.serving.forward-workers (" + forwardWorkers
                    + ") × rnn.serving.intra-op-threads (" + intraOpThreads + ") is more than the "
                    + cores + " cores: forward passes would fight for the CPU; lower one of them");
        }
    }

    /**
     * The plan for settings where 0 means "decide": cores from the JVM (which follows container
     * CPU limits), workers half the cores over the intra-op threads, at least one.
     */
    public static ThreadPlan of(int cores, int intraOpThreads, int interOpThreads, int forwardWorkers) {
        int usable = cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
        int intra = Math.max(1, Math.min(intraOpThreads, usable));
        int workers = forwardWorkers > 0 ? forwardWorkers : Math.max(1, usable / (2 * intra));
        return new ThreadPlan(usable, intra, Math.max(1, interOpThreads), workers);
    }
}
