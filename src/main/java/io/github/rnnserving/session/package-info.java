/**
 * Streaming sessions: a sequence fed in pieces to a one-way model, its hidden state kept between
 * requests ({@code /sessions}). Each answer also carries the state as an encrypted token, so a
 * client can go on at any replica without sticky routing.
 */
package io.github.rnnserving.session;
