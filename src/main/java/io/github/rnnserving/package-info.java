/**
 * The application: {@code RnnServingApplication} (the service, or the command line when given
 * arguments) and {@code RnnProperties}, the {@code rnn.*} settings every package may read.
 */
package io.github.rnnserving;
