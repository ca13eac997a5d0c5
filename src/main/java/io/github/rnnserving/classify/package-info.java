/**
 * HTTP edge: {@code POST /classify}. Checks texts and images (PNG/JPEG decoding within a memory
 * budget), runs them on a served model from {@code registry} and answers labels, top-K and
 * per-step explanations.
 */
package io.github.rnnserving.classify;
