package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.model.text.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How texts become a generator's teacher-forced rows, and the masked loss over them. */
class GeneratorEncoderTest {

    private static final Tokenizer CHARACTERS = new Tokenizer(TokenizerKind.CHARACTERS, Normalization.NFKC, false);
    private static final List<TextExample> TRAIN = List.of(
            new TextExample("Anna", "English"), new TextExample("Ivan", "Russian"), new TextExample("", "Russian"));

    @Test
    void theVocabularyStartsWithPaddingUnknownAndEndThenTheCharactersByFrequency() {
        TextInputSpec input = GeneratorEncoder.fit(CHARACTERS, TRAIN, 1, 100, 10);

        assertThat(input.vocabulary())
                .containsExactly(
                        Vocabulary.PADDING_TOKEN,
                        Vocabulary.UNKNOWN_TOKEN,
                        Vocabulary.END_TOKEN,
                        "n",
                        "a",
                        "A",
                        "I",
                        "v");
    }

    @Test
    void aTextIsFramedByEndTokensAndItsLabelIsTheCondition() {
        TextInputSpec input = GeneratorEncoder.fit(CHARACTERS, TRAIN, 1, 100, 10);
        GeneratorEncoder encoder = new GeneratorEncoder(input, List.of("English", "Russian"));

        GeneratorEncoder.Encoded encoded = encoder.encode(List.of(
                new TextExample("Ivan", "Russian"),
                new TextExample("Nina", "English"),
                new TextExample("", "English")));

        TextSequences data = encoded.data();
        assertThat(encoded.emptyTexts()).isEqualTo(1);
        assertThat(data.rows().get(0)).containsExactly(2, 6, 7, 4, 3, 2);
        // "N" was never seen in training: it reads (and is predicted) as <unk>
        assertThat(data.rows().get(1)).containsExactly(2, 1, 1, 3, 4, 2);
        assertThat(data.conditions()).containsExactly(1, 0);
        assertThat(data.steps(0)).isEqualTo(5);
        assertThat(data.positions()).isEqualTo(10);
    }

    @Test
    void aTextCutAtMaxLengthHasNoClosingEndAndAnUnconditionedModelIgnoresLabels() {
        TextInputSpec input = GeneratorEncoder.fit(CHARACTERS, TRAIN, 1, 100, 3);
        TextSequences data = new GeneratorEncoder(input, List.of())
                .encode(List.of(new TextExample("Ivan", "Martian")))
                .data();

        assertThat(data.rows().get(0)).containsExactly(2, 6, 7, 4);
        assertThat(data.conditions()).containsExactly(-1);
    }

    @Test
    void theMaskedLossCountsRealPositionsAlone() {
        float[] logits = {
            1f, 2f, 0.5f, //
            0f, -1f, 3f, //
            9f, 9f, -9f, // padding: must not count
            0.2f, 0.1f, 0f, //
            2f, 2f, 2f, //
            -1f, 0f, 1f
        };
        long[] targets = {1, 2, 0, 0, 1, 2};
        float[] mask = {1, 1, 0, 1, 1, 1};
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 3);
            float sum = Losses.maskedCrossEntropySum(
                            manager.create(logits, new Shape(2, 3, 3)),
                            manager.create(targets, shape),
                            manager.create(mask, shape))
                    .getFloat();
            long correct = Losses.maskedCorrect(
                    manager.create(logits, new Shape(2, 3, 3)),
                    manager.create(targets, shape),
                    manager.create(mask, shape));
            double expected = 0;
            for (int position = 0; position < 6; position++) {
                if (mask[position] == 1) {
                    expected += nll(logits, position, (int) targets[position]);
                }
            }
            assertThat((double) sum).isCloseTo(expected, within(1e-5));
            // right: positions 0, 1, 3 and 5; position 4 ties to index 0, wrong; padding (2) would be right
            assertThat(correct).isEqualTo(4);
        }
    }

    private static double nll(float[] logits, int position, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < 3; v++) {
            max = Math.max(max, logits[position * 3 + v]);
        }
        double sum = 0;
        for (int v = 0; v < 3; v++) {
            sum += Math.exp(logits[position * 3 + v] - max);
        }
        return -(logits[position * 3 + target] - max - Math.log(sum));
    }
}
