package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbabilitiesTest {

    @Test
    void rankedListsTheLargestFirstAndKeepsTheLowerIndexFirstOnTies() {
        float[] values = {0.1f, 0.4f, 0.1f, 0.4f, 0.0f};
        assertThat(Probabilities.ranked(values, values.length, 5)).containsExactly(1, 3, 0, 2, 4);
        assertThat(Probabilities.ranked(values, values.length, 2)).containsExactly(1, 3);
    }

    @Test
    void rankedReadsOnlyTheFirstCountValues() {
        // a streaming answer row: three probabilities, then the hidden state
        float[] row = {0.2f, 0.5f, 0.3f, 9f, -9f};
        assertThat(Probabilities.ranked(row, 3, 3)).containsExactly(1, 2, 0);
    }
}
