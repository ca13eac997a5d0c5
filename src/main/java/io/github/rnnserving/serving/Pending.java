package io.github.rnnserving.serving;

import io.github.rnnserving.model.EncodedInput;

/** One sequence of a submission, waiting in its model's queue since {@code queuedNanos}. */
record Pending(Submission owner, int index, long queuedNanos, int bucket) {

    EncodedInput input() {
        return owner.inputs().get(index);
    }

    /**
     * Sequences whose lengths share a power of two ({@code 5..8}, {@code 9..16}, …) batch together,
     * so padding never more than doubles a sequence's steps; image rows are all 28 long.
     */
    static int bucketOf(int length) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(0, length - 1));
    }
}
