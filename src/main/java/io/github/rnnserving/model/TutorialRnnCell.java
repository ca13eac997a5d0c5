package io.github.rnnserving.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.model.text.TutorialLetters;

/**
 * The character RNN of PyTorch's classic name-classification tutorial, under its own parameter
 * names: {@code i2h.weight (H, 57 + H)}, {@code i2h.bias (H)}, {@code i2o.weight (C, 57 + H)},
 * {@code i2o.bias (C)}. Per letter {@code x_t} (one-hot over the 57 letters), with {@code c =
 * cat(x_t, h_{t-1})} and {@code h_0 = 0}: {@code h_t = i2h(c)}, a Linear without nonlinearity, and
 * {@code o_t = LogSoftmax(i2o(c))}; the answer is {@code o_T}, which reads {@code h_{T-1}}, not
 * {@code h_T}.
 *
 * <p>A one-hot row times a weight is that weight's column, so the letter part of both Linears is
 * an embedding lookup of their first 57 columns (ids 0 and 1, padding and unknown, read zero rows:
 * no letter is hot); only the hidden part is multiplied. The state before each step is kept, and
 * each sequence's answer is taken at its own last letter, so right padding never reaches it.
 */
record TutorialRnnCell(Parameter i2hWeight, Parameter i2hBias, Parameter i2oWeight, Parameter i2oBias) {

    /** Ids of this service's tutorial vocabulary that are not letters: padding and unknown. */
    private static final int SPECIAL_IDS = TutorialLetters.VOCABULARY.size() - TutorialLetters.COUNT;

    /**
     * @param ids {@code (B, T)} token ids of {@link TutorialLetters#VOCABULARY}, right-padded
     * @param lengths {@code (B)} letters per sequence, at least 1
     * @return {@code log-probabilities (B, C)} after each sequence's last letter and {@code hidden
     *     states (B, T, H)} after each letter, zero past each sequence's length
     */
    NDList forward(ParameterStore store, NDArray ids, NDArray lengths, boolean training) {
        Device device = ids.getDevice();
        NDArray i2h = store.getValue(i2hWeight, device, training);
        NDArray i2o = store.getValue(i2oWeight, device, training);
        NDArray hiddenBias = store.getValue(i2hBias, device, training);
        NDArray outputBias = store.getValue(i2oBias, device, training);
        long batch = ids.getShape().get(0);
        long steps = ids.getShape().get(1);
        long hidden = i2h.getShape().get(0);
        NDArray tokens = ids.toType(DataType.INT64, false);

        NDArray letterToHidden = lookUp(tokens, i2h); // (B, T, H)
        NDArray hiddenToHidden =
                i2h.get(new NDIndex(":, {}:", TutorialLetters.COUNT)).transpose();
        NDArray state = ids.getManager().zeros(new Shape(batch, hidden), DataType.FLOAT32, device);
        NDList before = new NDList();
        NDList after = new NDList();
        for (long t = 0; t < steps; t++) {
            before.add(state);
            NDArray letter = letterToHidden.get(new NDIndex(":, {}, :", t));
            state = letter.add(state.matMul(hiddenToHidden)).add(hiddenBias);
            after.add(state);
        }
        StepIndex index = StepIndex.of(lengths.toType(DataType.INT64, false), steps);
        // o_T reads the letter x_T and the state before it, h_{T-1}
        NDArray lastState = index.atLastStep(NDArrays.stack(before, 1));
        NDArray lastLetter = index.atLastStep(lookUp(tokens, i2o));
        NDArray hiddenToOutput =
                i2o.get(new NDIndex(":, {}:", TutorialLetters.COUNT)).transpose();
        NDArray logits = lastLetter.add(lastState.matMul(hiddenToOutput)).add(outputBias);
        NDArray states = NDArrays.stack(after, 1).mul(index.mask().expandDims(2));
        return new NDList(logits.logSoftmax(1), states);
    }

    /** {@code (B, T, rows)}: each id's letter column of {@code weight (rows, 57 + H)}, zero for ids 0 and 1. */
    private static NDArray lookUp(NDArray tokens, NDArray weight) {
        NDManager manager = tokens.getManager();
        long rows = weight.getShape().get(0);
        NDArray letters =
                weight.get(new NDIndex(":, :{}", TutorialLetters.COUNT)).transpose();
        NDArray table = NDArrays.concat(
                new NDList(manager.zeros(new Shape(SPECIAL_IDS, rows), DataType.FLOAT32, weight.getDevice()), letters),
                0);
        return tokens.getNDArrayInternal()
                .embedding(tokens, table, SparseFormat.DENSE)
                .head();
    }
}
