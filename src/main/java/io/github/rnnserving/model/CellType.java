package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The recurrent cell; gate layouts are PyTorch's (LSTM i,f,g,o; GRU r,z,n). {@link #TUTORIAL_RNN}
 * is the character RNN of PyTorch's classic name-classification tutorial ({@link TutorialRnnCell}),
 * served when imported, never trained here.
 */
public enum CellType {
    RNN(1, "rnn"),
    LSTM(4, "lstm"),
    GRU(3, "gru"),
    TUTORIAL_RNN(1, "tutorial-rnn");

    private final int gates;
    private final String id;

    CellType(int gates, String id) {
        this.gates = gates;
        this.id = id;
    }

    /** Rows of {@code weight_ih} per hidden unit. */
    public int gates() {
        return gates;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Whether this service can train the cell (the tutorial's is only imported). */
    public boolean trainable() {
        return this != TUTORIAL_RNN;
    }

    /** As {@link #of}, for the command line and training jobs: a cell this service can train. */
    public static CellType trainable(String id) {
        CellType cell = of(id);
        if (!cell.trainable()) {
            throw new IllegalArgumentException("the " + cell.id()
                    + " cell is served when imported (POST /models), never trained here: expected rnn, lstm or gru");
        }
        return cell;
    }

    @JsonCreator
    public static CellType of(String id) {
        for (CellType cell : values()) {
            if (cell.id().equalsIgnoreCase(id)) {
                return cell;
            }
        }
        throw new IllegalArgumentException("unknown cell '" + id + "': expected rnn, lstm, gru or tutorial-rnn");
    }
}
