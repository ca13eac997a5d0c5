package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's recurrent classifier written out from its documented formulas, one step and one
 * sequence at a time, in float64: no fused kernel, no padding, no oneDNN. It is the independent
 * reference for {@link RecurrentClassifier} and is itself checked against PyTorch's golden files.
 *
 * <p>Gates as in {@code torch.nn}: LSTM {@code i, f, g, o}; GRU {@code r, z, n} with {@code n =
 * tanh(W_in x + b_in + r * (W_hn h + b_hn))}; RNN {@code tanh}.
 */
public final class ReferenceNetwork {

    private final Architecture architecture;
    private final Map<String, NDArray> weights;

    /**
     * @param weights every parameter under its PyTorch name, float64; arrays that require a
     *     gradient get one through this network's formulas
     */
    public ReferenceNetwork(Architecture architecture, Map<String, NDArray> weights) {
        this.architecture = architecture;
        this.weights = weights;
    }

    /**
     * Logits of one sequence.
     *
     * @param steps {@code (T, features)} float64 rows, or {@code (T)} int64 token ids for text;
     *     exactly the real steps, no padding
     */
    public NDArray logits(NDArray steps) {
        NDArray x = architecture.inputKind() == InputKind.TEXT
                ? weights.get("embedding.weight").get(new NDIndex("{}", steps))
                : steps;
        NDArray forward = null;
        NDArray backward = null;
        for (int layer = 0; layer < architecture.layers(); layer++) {
            forward = run(x, "_l" + layer);
            if (architecture.bidirectional()) {
                backward = run(x.flip(0), "_l" + layer + "_reverse").flip(0);
                x = NDArrays.concat(new NDList(forward, backward), 1);
            } else {
                x = forward;
            }
        }
        long length = x.getShape().get(0);
        NDArray summary = switch (architecture.summary()) {
            case LAST -> {
                NDArray last = forward.get(length - 1);
                yield backward == null ? last : NDArrays.concat(new NDList(last, backward.get(0)));
            }
            case LAST_OUTPUT -> x.get(length - 1);
            case MEAN -> x.mean(new int[] {0});
            case MAX -> x.max(new int[] {0});
        };
        return weights.get("fc.weight").matMul(summary.expandDims(1)).squeeze(1).add(weights.get("fc.bias"));
    }

    /** One direction of one layer over {@code (T, features)}: the outputs {@code (T, hidden)}. */
    private NDArray run(NDArray x, String suffix) {
        NDArray weightIh = weights.get("rnn.weight_ih" + suffix);
        NDArray weightHh = weights.get("rnn.weight_hh" + suffix);
        NDArray biasIh = weights.get("rnn.bias_ih" + suffix);
        NDArray biasHh = weights.get("rnn.bias_hh" + suffix);
        int hidden = architecture.hiddenSize();
        NDArray h = x.getManager().zeros(new Shape(hidden), DataType.FLOAT64);
        NDArray c = h;
        List<NDArray> outputs = new ArrayList<>();
        for (long t = 0; t < x.getShape().get(0); t++) {
            NDArray fromInput =
                    weightIh.matMul(x.get(t).expandDims(1)).squeeze(1).add(biasIh);
            NDArray fromState = weightHh.matMul(h.expandDims(1)).squeeze(1).add(biasHh);
            switch (architecture.cell()) {
                case LSTM -> {
                    NDArray gates = fromInput.add(fromState);
                    NDArray in = Activation.sigmoid(gate(gates, 0, hidden));
                    NDArray forget = Activation.sigmoid(gate(gates, 1, hidden));
                    NDArray candidate = gate(gates, 2, hidden).tanh();
                    NDArray out = Activation.sigmoid(gate(gates, 3, hidden));
                    c = forget.mul(c).add(in.mul(candidate));
                    h = out.mul(c.tanh());
                }
                case GRU -> {
                    NDArray reset =
                            Activation.sigmoid(gate(fromInput, 0, hidden).add(gate(fromState, 0, hidden)));
                    NDArray update =
                            Activation.sigmoid(gate(fromInput, 1, hidden).add(gate(fromState, 1, hidden)));
                    NDArray candidate = gate(fromInput, 2, hidden)
                            .add(reset.mul(gate(fromState, 2, hidden)))
                            .tanh();
                    h = update.neg().add(1).mul(candidate).add(update.mul(h));
                }
                case RNN -> h = fromInput.add(fromState).tanh();
            }
            outputs.add(h);
        }
        return NDArrays.stack(new NDList(outputs));
    }

    private static NDArray gate(NDArray gates, int index, int hidden) {
        return gates.get(new NDIndex("{}:{}", (long) index * hidden, (long) (index + 1) * hidden));
    }
}
