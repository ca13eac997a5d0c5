/**
 * Training with BPTT: the pipeline from a dataset to a written bundle, optimizers, truncation,
 * clipping, checkpoints and evaluation metrics. Uses {@code model} and {@code data} only.
 */
package io.github.rnnserving.training;
