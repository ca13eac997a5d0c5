package io.github.rnnserving.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionStateTest {

    @Test
    void copiesTheHiddenStateInAndOut() {
        float[] hidden = {1f, 2f};
        SessionState state = new SessionState("names", "v1", 3, 0, hidden);
        hidden[0] = 9f;
        state.hidden()[1] = 9f;

        assertThat(state.hidden()).containsExactly(1f, 2f);
        assertThat(state.hiddenLength()).isEqualTo(2);
    }

    @Test
    void comparesByContentBitForBit() {
        SessionState a = new SessionState("names", "v1", 3, 1, new float[] {Float.NaN, 0f});
        SessionState b = new SessionState("names", "v1", 3, 1, new float[] {Float.NaN, 0f});
        SessionState negativeZero = new SessionState("names", "v1", 3, 1, new float[] {Float.NaN, -0f});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(negativeZero);
        assertThat(a).isNotEqualTo(new SessionState("names", "v1", 3, 2, new float[] {Float.NaN, 0f}));
        assertThat(a).isNotEqualTo(new SessionState("names", "v2", 3, 1, new float[] {Float.NaN, 0f}));
    }

    @Test
    void summarisesTheFloatsInToString() {
        assertThat(new SessionState("names", "v1", 3, 0, new float[512]).toString())
                .isEqualTo("SessionState[model=names, version=v1, steps=3, carry=0, hidden=512 floats]");
    }

    @Test
    void refusesMissingPartsAndNegativeSteps() {
        float[] hidden = new float[1];
        assertThatThrownBy(() -> new SessionState(" ", "v1", 0, 0, hidden)).hasMessage("model is blank");
        assertThatThrownBy(() -> new SessionState(null, "v1", 0, 0, hidden)).hasMessage("model is blank");
        assertThatThrownBy(() -> new SessionState("names", "", 0, 0, hidden)).hasMessage("version is blank");
        assertThatThrownBy(() -> new SessionState("names", "v1", -1, 0, hidden)).hasMessage("steps -1 is negative");
        assertThatThrownBy(() -> new SessionState("names", "v1", 0, 0, null)).hasMessage("hidden is null");
    }
}
