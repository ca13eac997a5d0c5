package io.github.rnnserving.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.ParameterStore;

/**
 * One direction of one recurrent layer as libtorch's fused single-layer kernel runs it, with its
 * four parameters in the order that kernel takes them ({@code w_ih, w_hh, b_ih, b_hh}). Shared by
 * the classifier and the language model.
 */
record FusedLayer(CellType cell, Parameter weightIh, Parameter weightHh, Parameter biasIh, Parameter biasHh) {

    NDList values(ParameterStore store, Device device, boolean training) {
        return new NDList(
                store.getValue(weightIh, device, training),
                store.getValue(weightHh, device, training),
                store.getValue(biasIh, device, training),
                store.getValue(biasHh, device, training));
    }

    /** Runs {@code input (B, T, F)} from {@code state}: returns the outputs and the final state(s). */
    NDList run(NDArray input, NDList state, NDList params, boolean training) {
        NDArrayEx ex = input.getNDArrayInternal();
        switch (cell) {
            case LSTM:
                return ex.lstm(input, state, params, true, 1, 0, training, false, true);
            case GRU:
                return ex.gru(input, state.head(), params, true, 1, 0, training, false, true);
            case RNN:
                return ex.rnn(input, state.head(), params, true, 1, RNN.Activation.TANH, 0, training, false, true);
            default:
                throw new IllegalStateException("unknown cell " + cell);
        }
    }

    /** The state before a sequence's first step: zeros, {@code (1, B, hidden)}, twice for an LSTM. */
    static NDList zeroState(CellType cell, NDArray input, int hidden) {
        NDManager manager = input.getManager();
        Shape shape = new Shape(1, input.getShape().get(0), hidden);
        NDList state = new NDList(manager.zeros(shape, DataType.FLOAT32, input.getDevice()));
        if (cell == CellType.LSTM) {
            state.add(manager.zeros(shape, DataType.FLOAT32, input.getDevice()));
        }
        return state;
    }
}
