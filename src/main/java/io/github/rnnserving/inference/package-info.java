/**
 * The Open Inference Protocol ("V2", as KServe, Triton and MLServer speak it) over REST, beside
 * {@code /classify}: health, server and model metadata, and inference on the same serving path
 * ({@code classify.ClassificationService}: limits, batching, metrics). Errors answer in the
 * protocol's own {@code {"error": "..."}} shape, not RFC 9457.
 */
package io.github.rnnserving.inference;
