/**
 * Text input for the models: normalization, tokenizers, vocabularies and encoding to token ids.
 * A named part of {@code model} that {@code training}, {@code classify} and others use directly.
 */
package io.github.rnnserving.model.text;
