/**
 * HTTP edge and lifecycle of the model registry: {@code /models} (list, describe, import, promote,
 * delete), the served models with their predictor pools, the checks of an import and the clean-up
 * of interrupted ones. {@code classify} and {@code jobs} acquire and register models through it.
 */
package io.github.rnnserving.registry;
