package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The recurrent cell; gate layouts are PyTorch's (LSTM i,f,g,o; GRU r,z,n). */
public enum CellType {
    RNN(1),
    LSTM(4),
    GRU(3);

    private final int gates;

    CellType(int gates) {
        this.gates = gates;
    }

    /** Rows of {@code weight_ih} per hidden unit. */
    public int gates() {
        return gates;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CellType of(String id) {
        for (CellType cell : values()) {
            if (cell.id().equalsIgnoreCase(id)) {
                return cell;
            }
        }
        throw new IllegalArgumentException("unknown cell '" + id + "': expected rnn, lstm or gru");
    }
}
