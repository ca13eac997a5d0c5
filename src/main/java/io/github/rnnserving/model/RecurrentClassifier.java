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
 * A stacked (optionally bidirectional) RNN/LSTM/GRU classifier whose parameters carry PyTorch's
 * names ({@code embedding.weight}, {@code rnn.weight_ih_l0}, {@code rnn.bias_hh_l1_reverse}, {@code
 * fc.weight}…), so weights move between this block and {@code torch.nn} modules unchanged.
 *
 * <p>Input: {@code (ids (B,T) int64 | rows (B,T,F) float32, lengths (B) int64)}, padded on the
 * right. Each direction of each layer runs libtorch's fused single-layer kernel on its own, so the
 * parameter order libtorch expects ({@code w_ih, w_hh, b_ih, b_hh}) always holds; DJL's own
 * bidirectional blocks hand parameters over in another order. The backward direction reads each
 * sequence reversed within its own length, so padding never enters a real step: a sequence gets the
 * same logits alone or inside a padded batch.
 *
 * <p>The {@link CellType#TUTORIAL_RNN tutorial-rnn} cell is another network with parameters of its
 * own ({@code i2h.*}, {@code i2o.*}): this block then holds only those and hands the pass to {@link
 * TutorialRnnCell}, so it is loaded, saved and served as every other model is.
 */
public final class RecurrentClassifier extends AbstractBlock implements RecurrentNetwork {

    private static final byte VERSION = 1;

    private final Architecture architecture;
    private final Parameter embedding;
    private final List<List<FusedLayer>> layers;
    private final Parameter headWeight;
    private final Parameter headBias;
    private final TutorialRnnCell tutorial;

    public RecurrentClassifier(Architecture architecture) {
        super(VERSION);
        CpuKernels.ensureExact();
        this.architecture = architecture;
        int hidden = architecture.hiddenSize();
        if (architecture.cell() == CellType.TUTORIAL_RNN) {
            tutorial = tutorialCell(architecture);
            embedding = null;
            layers = List.of();
            headWeight = null;
            headBias = null;
            return;
        }
        tutorial = null;
        if (architecture.inputKind().embedded()) {
            embedding = weight(
                    "embedding.weight",
                    new NormalInitializer(1f),
                    architecture.vocabularySize(),
                    architecture.inputSize());
        } else {
            embedding = null;
        }
        Initializer recurrentInit = new UniformInitializer((float) (1 / Math.sqrt(hidden)));
        layers = new ArrayList<>();
        for (int layer = 0; layer < architecture.layers(); layer++) {
            int features = layer == 0 ? architecture.inputSize() : architecture.summarySize();
            List<FusedLayer> directions = new ArrayList<>();
            for (int direction = 0; direction < architecture.directions(); direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                int rows = architecture.cell().gates() * hidden;
                directions.add(new FusedLayer(
                        architecture.cell(),
                        weight("rnn.weight_ih" + suffix, recurrentInit, rows, features),
                        weight("rnn.weight_hh" + suffix, recurrentInit, rows, hidden),
                        bias("rnn.bias_ih" + suffix, recurrentInit, rows),
                        bias("rnn.bias_hh" + suffix, recurrentInit, rows)));
            }
            layers.add(List.copyOf(directions));
        }
        Initializer headInit = new UniformInitializer((float) (1 / Math.sqrt(architecture.summarySize())));
        headWeight = weight("fc.weight", headInit, architecture.classes(), architecture.summarySize());
        headBias = bias("fc.bias", headInit, architecture.classes());
    }

    /** The tutorial's two Linears over {@code cat(letter one-hot, hidden)}, initialised as PyTorch's. */
    private TutorialRnnCell tutorialCell(Architecture architecture) {
        int combined = architecture.inputSize() + architecture.hiddenSize();
        Initializer init = new UniformInitializer((float) (1 / Math.sqrt(combined)));
        return new TutorialRnnCell(
                weight("i2h.weight", init, architecture.hiddenSize(), combined),
                bias("i2h.bias", init, architecture.hiddenSize()),
                weight("i2o.weight", init, architecture.classes(), combined),
                bias("i2o.bias", init, architecture.classes()));
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

    /**
     * {@code (input, lengths)}: the logits of whole sequences. {@code (input, lengths, state)}: a
     * streaming continuation ({@link #continueFrom}), answering {@code (logits, state)}.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() == 3) {
            return continueFrom(parameterStore, inputs.get(0), inputs.get(2));
        }
        return new NDList(
                forwardWithOutputs(parameterStore, inputs, training, 0).head());
    }

    /**
     * Reads on from carried states ({@link StreamingState}): every sequence of the batch has the same
     * number of new steps {@code T ≥ 0}, so no padding enters a state. With no new steps the answer
     * is the head on the carried state alone.
     *
     * @param tokensOrRows {@code (B, T)} token ids or {@code (B, T, F)} rows
     * @param state {@code (B, StreamingState.size)} float32
     * @return {@code logits (B, classes)} and the new {@code state (B, StreamingState.size)}
     */
    public NDList continueFrom(ParameterStore parameterStore, NDArray tokensOrRows, NDArray state) {
        StreamingState.refusal("this network", architecture).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        Device device = state.getDevice();
        int hidden = architecture.hiddenSize();
        boolean lstm = architecture.cell() == CellType.LSTM;
        boolean anySteps = tokensOrRows.getShape().dimension() > 1
                && tokensOrRows.getShape().get(1) > 0;
        NDArray sequence = anySteps ? embed(parameterStore, tokensOrRows, device, false) : null;
        NDList finalStates = new NDList();
        NDArray top = null;
        int offset = 0;
        for (List<FusedLayer> layer : layers) {
            NDList carried = new NDList(slice(state, offset, hidden));
            offset += hidden;
            if (lstm) {
                carried.add(slice(state, offset, hidden));
                offset += hidden;
            }
            NDList reached = carried;
            if (anySteps) {
                NDList params = layer.get(0).values(parameterStore, device, false);
                NDList result = layer.get(0).run(sequence, carried, params, false);
                sequence = result.head();
                reached = new NDList(result.subNDList(1));
            }
            for (NDArray part : reached) {
                finalStates.add(part.squeeze(0));
            }
            top = reached.head().squeeze(0);
        }
        NDArray logits = top.getNDArrayInternal()
                .linear(
                        top,
                        parameterStore.getValue(headWeight, device, false),
                        parameterStore.getValue(headBias, device, false))
                .head();
        return new NDList(logits, NDArrays.concat(finalStates, 1));
    }

    /** Columns {@code [offset, offset + width)} of a {@code (B, S)} state as {@code (1, B, width)}. */
    private static NDArray slice(NDArray state, int offset, int width) {
        return BlockParts.slice(state, offset, width);
    }

    private NDArray embed(ParameterStore parameterStore, NDArray tokensOrRows, Device device, boolean training) {
        return embedding == null
                ? tokensOrRows.toType(DataType.FLOAT32, false)
                : tokensOrRows
                        .getNDArrayInternal()
                        .embedding(
                                tokensOrRows.toType(DataType.INT64, false),
                                parameterStore.getValue(embedding, device, training),
                                SparseFormat.DENSE)
                        .head();
    }

    /**
     * Runs the classifier and also returns the last layer's per-step outputs.
     *
     * @param truncation when positive, the gradient through the recurrence is cut every {@code
     *     truncation} steps (truncated BPTT): the state is carried forward but detached
     * @return {@code logits (B, classes)} and {@code outputs (B, T, hidden × directions)}, zero
     *     past each sequence's length
     */
    public NDList forwardWithOutputs(ParameterStore parameterStore, NDList inputs, boolean training, int truncation) {
        NDArray tokensOrRows = inputs.get(0);
        NDArray lengths = inputs.get(1).toType(DataType.INT64, false);
        if (tutorial != null) {
            return tutorial.forward(parameterStore, tokensOrRows, lengths, training);
        }
        Device device = tokensOrRows.getDevice();
        NDArray sequence = embed(parameterStore, tokensOrRows, device, training);
        StepIndex steps = StepIndex.of(lengths, sequence.getShape().get(1));

        NDArray forward = null;
        NDArray backward = null;
        for (int layer = 0; layer < layers.size(); layer++) {
            float rate = layer == 0 ? architecture.inputDropout() : architecture.dropout();
            sequence = dropout(sequence, rate, training);
            List<FusedLayer> directions = layers.get(layer);
            forward = runDirection(sequence, directions.get(0), parameterStore, training, truncation);
            if (architecture.bidirectional()) {
                NDArray reversed = steps.reverseWithinLength(sequence);
                NDArray backwardOfReversed =
                        runDirection(reversed, directions.get(1), parameterStore, training, truncation);
                backward = steps.reverseWithinLength(backwardOfReversed);
                sequence = NDArrays.concat(new NDList(forward, backward), 2);
            } else {
                sequence = forward;
            }
        }
        NDArray outputs = sequence.mul(steps.mask().expandDims(2));
        NDArray summary = dropout(summarise(outputs, forward, backward, steps), architecture.outputDropout(), training);
        NDArray logits = summary.getNDArrayInternal()
                .linear(
                        summary,
                        parameterStore.getValue(headWeight, device, training),
                        parameterStore.getValue(headBias, device, training))
                .head();
        return new NDList(logits, outputs);
    }

    private static NDArray dropout(NDArray array, float rate, boolean training) {
        return BlockParts.dropout(array, rate, training);
    }

    private NDArray summarise(NDArray outputs, NDArray forward, NDArray backward, StepIndex steps) {
        switch (architecture.summary()) {
            case LAST:
                NDArray last = steps.atLastStep(forward);
                if (backward == null) {
                    return last;
                }
                // the backward direction has read the whole sequence when it reaches step 0
                NDArray first = backward.get(new NDIndex(":, 0, :"));
                return NDArrays.concat(new NDList(last, first), 1);
            case LAST_OUTPUT:
                // each sequence's own last real step, not the padded end: out[:, -1] of it alone
                return steps.atLastStep(outputs);
            case MEAN:
                return outputs.sum(new int[] {1}).div(steps.lengthsAsFloat().expandDims(1));
            case MAX:
                Shape shape = outputs.getShape();
                NDArray padding = steps.mask().expandDims(2).logicalNot().broadcast(shape);
                NDArray lowest = outputs.getManager().full(shape, Float.NEGATIVE_INFINITY);
                return NDArrays.where(padding, lowest, outputs).max(new int[] {1});
            default:
                throw new IllegalStateException("unknown summary " + architecture.summary());
        }
    }

    private NDArray runDirection(
            NDArray input, FusedLayer weights, ParameterStore parameterStore, boolean training, int truncation) {
        long steps = input.getShape().get(1);
        NDList params = weights.values(parameterStore, input.getDevice(), training);
        NDList state = FusedLayer.zeroState(architecture.cell(), input, architecture.hiddenSize());
        if (truncation <= 0 || truncation >= steps) {
            return weights.run(input, state, params, training).head();
        }
        NDList chunks = new NDList();
        for (long start = 0; start < steps; start += truncation) {
            long end = Math.min(steps, start + truncation);
            NDArray chunk = input.get(new NDIndex(":, {}:{}, :", start, end));
            NDList result = weights.run(chunk, state, params, training);
            chunks.add(result.head());
            state = new NDList();
            for (int i = 1; i < result.size(); i++) {
                state.add(result.get(i).stopGradient());
            }
        }
        return NDArrays.concat(chunks, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), architecture.classes())};
    }

    private Parameter weight(String name, Initializer initializer, long... shape) {
        return addParameter(BlockParts.weight(name, initializer, shape));
    }

    private Parameter bias(String name, Initializer initializer, long size) {
        return addParameter(BlockParts.bias(name, initializer, size));
    }
}
