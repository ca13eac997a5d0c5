/**
 * The command line ({@code rnn train}, {@code evaluate}, {@code report}): picocli commands over
 * {@code training}, {@code model}, {@code data} and {@code report}. Speaks no HTTP.
 */
package io.github.rnnserving.cli;
