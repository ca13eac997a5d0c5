/**
 * A trained bundle's report: learning curves, confusion matrix and metrics drawn to PNG and
 * Markdown from its {@code model.json}. Used by the command line; speaks no HTTP.
 */
package io.github.rnnserving.report;
