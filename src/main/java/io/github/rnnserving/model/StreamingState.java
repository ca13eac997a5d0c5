package io.github.rnnserving.model;

import java.util.Optional;

/**
 * What a streaming session carries between requests: the hidden state of a one-way classifier
 * after the steps read so far, flat, layer by layer ({@code h}, then {@code c} for an LSTM), {@link
 * #size} floats. Reading on from it gives the answers reading the whole sequence at once gives,
 * because a one-way recurrence's state after step {@code t} is all that step {@code t + 1} reads.
 */
public final class StreamingState {

    private StreamingState() {}

    /** Floats in the state of {@code architecture}: layers × hidden, twice for an LSTM's cell state. */
    public static int size(Architecture architecture) {
        int perLayer = architecture.cell() == CellType.LSTM ? 2 : 1;
        return architecture.layers() * perLayer * architecture.hiddenSize();
    }

    /** The state before the first step: zeros, as the network starts a whole sequence. */
    public static float[] initial(Architecture architecture) {
        return new float[size(architecture)];
    }

    /**
     * Why {@code manifest}'s model cannot stream, in words for a 409 problem; empty when it can. Only
     * a one-way network whose answer reads its last step's state can: every other summary, and the
     * backward direction, need the whole sequence before the first answer.
     */
    public static Optional<String> refusal(ModelManifest manifest) {
        if (manifest.isGenerator()) {
            return Optional.of("model '" + manifest.name() + "' generates text rather than classifying it: sample it"
                    + " with POST /generate, or score a text with POST /score");
        }
        if (manifest.isTorchScript() || manifest.architecture() == null) {
            return Optional.of("model '" + manifest.name() + "' is an imported TorchScript module: its hidden state is"
                    + " inside the module's own code, out of this service's reach, so it cannot stream; classify"
                    + " whole sequences with POST /classify");
        }
        return refusal("model '" + manifest.name() + "'", manifest.architecture());
    }

    /** As {@link #refusal(ModelManifest)}, for a network of this service named {@code name} in the words. */
    public static Optional<String> refusal(String name, Architecture architecture) {
        if (architecture.bidirectional()) {
            return Optional.of(name + " is bidirectional: its backward direction reads the sequence"
                    + " from the end, so it needs the whole sequence before it can answer; streaming needs a"
                    + " one-way model (such as names-stream or mnist-stream)");
        }
        if (architecture.summary() != Summary.LAST && architecture.summary() != Summary.LAST_OUTPUT) {
            return Optional.of(
                    name + " answers from the " + architecture.summary().id()
                            + " of its outputs over all steps, not from its last state, so a carried hidden state"
                            + " cannot give its answer; streaming needs a model whose summary is last");
        }
        if (architecture.cell() == CellType.TUTORIAL_RNN) {
            return Optional.of(name + " uses the " + architecture.cell().id()
                    + " cell, which sessions do not carry yet (they run the rnn, lstm and gru layers); classify"
                    + " whole sequences with POST /classify");
        }
        return Optional.empty();
    }
}
