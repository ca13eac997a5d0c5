package io.github.rnnserving.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-way recurrent language model: at every step the distribution of the next token. Each step
 * reads its token's embedding and, for a conditioned model, the one-hot condition (a name's
 * language) beside it. Parameters carry the names of the PyTorch module
 *
 * <pre>
 * embedding = nn.Embedding(V, E); rnn = nn.LSTM(E + C, H, L, batch_first=True); fc = nn.Linear(H, V)
 * logits = fc(rnn(cat(embedding(ids), condition_one_hot expanded over the steps))[0])
 * </pre>
 *
 * <p>Two ways in. Whole texts, for training and scoring: {@code (ids (B,T) int64, lengths (B),
 * condition (B) int64)} → {@code logits (B,T,V)}, from zero states. Continuations, for sampling:
 * {@code (ids (B,T), lengths (B), state (B,S) float32)} → {@code (logits (B,T,V), state (B,S))}, where
 * the state ({@link GenerationState}) starts with the condition's one-hot and carries it.
 */
public final class LanguageModel extends AbstractBlock implements RecurrentNetwork {

    private static final byte VERSION = 1;

    private final Architecture architecture;
    private final Parameter embedding;
    private final List<FusedLayer> layers = new ArrayList<>();
    private final Parameter headWeight;
    private final Parameter headBias;

    public LanguageModel(Architecture architecture) {
        super(VERSION);
        CpuKernels.ensureExact();
        if (architecture.bidirectional()) {
            throw new IllegalArgumentException(
                    "a generator reads one way: the next token can only depend on the tokens before it");
        }
        if (!architecture.inputKind().embedded() || architecture.cell() == CellType.TUTORIAL_RNN) {
            throw new IllegalArgumentException("a generator reads text tokens through an rnn, lstm or gru");
        }
        if (architecture.classes() != architecture.vocabularySize()) {
            throw new IllegalArgumentException("a generator predicts the next token: classes must equal the"
                    + " vocabulary size (" + architecture.vocabularySize() + "), got " + architecture.classes());
        }
        this.architecture = architecture;
        int hidden = architecture.hiddenSize();
        embedding = weight(
                "embedding.weight", new NormalInitializer(1f), architecture.vocabularySize(), architecture.inputSize());
        Initializer recurrentInit = new UniformInitializer((float) (1 / Math.sqrt(hidden)));
        for (int layer = 0; layer < architecture.layers(); layer++) {
            int features = layer == 0 ? architecture.inputSize() + architecture.conditionCount() : hidden;
            int rows = architecture.cell().gates() * hidden;
            layers.add(new FusedLayer(
                    architecture.cell(),
                    weight("rnn.weight_ih_l" + layer, recurrentInit, rows, features),
                    weight("rnn.weight_hh_l" + layer, recurrentInit, rows, hidden),
                    bias("rnn.bias_ih_l" + layer, recurrentInit, rows),
                    bias("rnn.bias_hh_l" + layer, recurrentInit, rows)));
        }
        Initializer headInit = new UniformInitializer((float) (1 / Math.sqrt(hidden)));
        headWeight = weight("fc.weight", headInit, architecture.vocabularySize(), hidden);
        headBias = bias("fc.bias", headInit, architecture.vocabularySize());
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Parameter parameter : getDirectParameters().values()) {
            named.put(parameter.getName(), parameter);
        }
        return named;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray third = inputs.get(2);
        if (third.getDataType() == DataType.FLOAT32 && third.getShape().dimension() == 2) {
            return continueFrom(parameterStore, inputs.get(0), third);
        }
        return new NDList(forwardWithTruncation(parameterStore, inputs, training, 0));
    }

    /**
     * Whole texts from zero states: {@code (ids (B,T), lengths (B), condition (B))} → logits of the
     * next token at every step, {@code (B,T,V)}; steps past a text's length hold values to mask.
     *
     * @param truncation when positive, the gradient through the recurrence is cut every {@code
     *     truncation} steps (truncated BPTT): the state is carried forward but detached
     */
    public NDArray forwardWithTruncation(
            ParameterStore parameterStore, NDList inputs, boolean training, int truncation) {
        NDArray ids = inputs.get(0);
        Device device = ids.getDevice();
        NDArray condition = conditionOneHot(inputs.get(2));
        NDArray sequence = dropout(
                stepInputs(parameterStore, ids, condition, device, training), architecture.inputDropout(), training);
        for (int layer = 0; layer < layers.size(); layer++) {
            if (layer > 0) {
                sequence = dropout(sequence, architecture.dropout(), training);
            }
            sequence = runLayer(sequence, layers.get(layer), parameterStore, training, truncation);
        }
        return head(parameterStore, dropout(sequence, architecture.outputDropout(), training), device, training);
    }

    /**
     * Reads on from carried states: every sequence of the batch has the same number of new steps
     * {@code T ≥ 1}, so no padding enters a state.
     *
     * @return {@code logits (B,T,V)} and the new {@code state (B, GenerationState.size)}
     */
    public NDList continueFrom(ParameterStore parameterStore, NDArray ids, NDArray state) {
        Device device = state.getDevice();
        int conditions = architecture.conditionCount();
        int hidden = architecture.hiddenSize();
        boolean lstm = architecture.cell() == CellType.LSTM;
        NDArray condition = conditions == 0 ? null : state.get(new NDIndex(":, 0:{}", conditions));
        NDArray sequence = stepInputs(parameterStore, ids, condition, device, false);
        NDList finalStates = new NDList();
        if (condition != null) {
            finalStates.add(condition);
        }
        int offset = conditions;
        for (FusedLayer layer : layers) {
            NDList carried = new NDList(slice(state, offset, hidden));
            offset += hidden;
            if (lstm) {
                carried.add(slice(state, offset, hidden));
                offset += hidden;
            }
            NDList result = layer.run(sequence, carried, layer.values(parameterStore, device, false), false);
            sequence = result.head();
            for (int i = 1; i < result.size(); i++) {
                finalStates.add(result.get(i).squeeze(0));
            }
        }
        return new NDList(head(parameterStore, sequence, device, false), NDArrays.concat(finalStates, 1));
    }

    /** Each step's input: its token's embedding, and the condition's one-hot beside it when there is one. */
    private NDArray stepInputs(
            ParameterStore parameterStore, NDArray ids, NDArray condition, Device device, boolean training) {
        NDArray embedded = ids.getNDArrayInternal()
                .embedding(
                        ids.toType(DataType.INT64, false),
                        parameterStore.getValue(embedding, device, training),
                        SparseFormat.DENSE)
                .head();
        if (condition == null) {
            return embedded;
        }
        Shape shape = embedded.getShape();
        NDArray repeated = condition
                .expandDims(1)
                .broadcast(new Shape(
                        shape.get(0), shape.get(1), condition.getShape().get(1)));
        return NDArrays.concat(new NDList(embedded, repeated), 2);
    }

    /** The one-hot {@code (B, C)} of condition indices, or null for a model without conditions. */
    private NDArray conditionOneHot(NDArray indices) {
        int conditions = architecture.conditionCount();
        if (conditions == 0) {
            return null;
        }
        return indices.toType(DataType.INT64, false).oneHot(conditions).toType(DataType.FLOAT32, false);
    }

    private NDArray runLayer(
            NDArray input, FusedLayer layer, ParameterStore parameterStore, boolean training, int truncation) {
        long steps = input.getShape().get(1);
        NDList params = layer.values(parameterStore, input.getDevice(), training);
        NDList state = FusedLayer.zeroState(architecture.cell(), input, architecture.hiddenSize());
        if (truncation <= 0 || truncation >= steps) {
            return layer.run(input, state, params, training).head();
        }
        NDList chunks = new NDList();
        for (long start = 0; start < steps; start += truncation) {
            long end = Math.min(steps, start + truncation);
            NDList result = layer.run(input.get(new NDIndex(":, {}:{}, :", start, end)), state, params, training);
            chunks.add(result.head());
            state = new NDList();
            for (int i = 1; i < result.size(); i++) {
                state.add(result.get(i).stopGradient());
            }
        }
        return NDArrays.concat(chunks, 1);
    }

    private NDArray head(ParameterStore parameterStore, NDArray outputs, Device device, boolean training) {
        return outputs.getNDArrayInternal()
                .linear(
                        outputs,
                        parameterStore.getValue(headWeight, device, training),
                        parameterStore.getValue(headBias, device, training))
                .head();
    }

    private static NDArray slice(NDArray state, int offset, int width) {
        return BlockParts.slice(state, offset, width);
    }

    private static NDArray dropout(NDArray array, float rate, boolean training) {
        return BlockParts.dropout(array, rate, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), architecture.vocabularySize())};
    }

    private Parameter weight(String name, Initializer initializer, long... shape) {
        return addParameter(BlockParts.weight(name, initializer, shape));
    }

    private Parameter bias(String name, Initializer initializer, long size) {
        return addParameter(BlockParts.bias(name, initializer, size));
    }
}
