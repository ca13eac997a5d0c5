/**
 * Datasets: reading class folders, CSV/TSV and IDX files, presets, splits and fingerprints. The
 * bottom of the package graph: it uses no other package of the service.
 */
package io.github.rnnserving.data;
