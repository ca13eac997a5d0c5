/**
 * HTTP edge: training jobs ({@code /training-jobs}). A persistent queue (db-scheduler on H2 or
 * PostgreSQL) that runs {@code training} inside the service, streams progress and registers the
 * trained version with {@code registry}, promoting it by policy.
 */
package io.github.rnnserving.jobs;
