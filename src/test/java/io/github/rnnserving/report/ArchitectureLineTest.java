package io.github.rnnserving.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.TokenizerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureLineTest {

    @Test
    void describesTheTutorialsNetworkWithoutAnEmbedding() {
        TextInputSpec input = new TextInputSpec(TokenizerKind.TUTORIAL_LETTERS, null, null, 40, null);
        Architecture architecture =
                new Architecture(null, CellType.TUTORIAL_RNN, 0, 32, false, 0f, null, null, null, 0, 0, 3);

        assertThat(ArchitectureLine.of(input, architecture, List.of("a", "b", "c")))
                .isEqualTo("text (tutorial_letters, NFD, vocabulary 59, up to 40 tokens) → one-hot 57 letters →"
                        + " PyTorch tutorial's character RNN (i2h, i2o), 32 hidden units → 3 classes");
    }
}
