/**
 * The domain of a recurrent classifier: architecture, input specs, RNN/LSTM/GRU networks on DJL,
 * weights (.npz, TorchScript) and model bundles on disk. Speaks no HTTP: its one error a request
 * can meet, {@link io.github.rnnserving.model.InvalidBundleException}, carries its own problem.
 */
package io.github.rnnserving.model;
