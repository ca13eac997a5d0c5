/**
 * The serving engine: per-model bounded queues of encoded sequences, forward workers that form
 * batches across requests, admission control, deadlines, warm-up sizes and the thread plan.
 */
package io.github.rnnserving.serving;
