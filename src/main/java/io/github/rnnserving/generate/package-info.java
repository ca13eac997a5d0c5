/**
 * Generation: samples drawn from a character language model ({@code POST /generate}, JSON or
 * server-sent events) and texts scored under one ({@code POST /score}), both riding the model's
 * generation queue in the serving engine.
 */
package io.github.rnnserving.generate;
