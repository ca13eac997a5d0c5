package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import io.github.rnnserving.model.TorchScriptContract.BatchSize;
import io.github.rnnserving.model.TorchScriptContract.Outputs;
import io.github.rnnserving.model.TorchScriptContract.Signature;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The import probe on modules saved in PyTorch 1.13 (src/test/resources/torchscript): the
 * contract it finds, and what it refuses. The traced modules taking {@code forward(x)} are served
 * through the whole service in {@code registry/TorchScriptContractsTest}.
 */
class TorchScriptProbeTest {

    private static final InputSpec IMAGES = new ImageRowsInputSpec(28, 28);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // scripted, packs by lengths: padded batches of any size are exact
        "image-rows-gru-l1-uni.pt, 5,  X_LENGTHS, ANY",
        // traced forward(x, lengths) that ignores lengths: a padded image answers differently, so alone
        "lstm-h8-traced.pt,        10, X_LENGTHS, ONE",
        "rows-lstm-x.pt,           5,  X,         ANY",
        // its initial state was sized with len(x) while tracing one image
        "rows-lstm-fixed1.pt,      5,  X,         ONE"
    })
    void findsHowTheModuleIsCalled(String file, int labels, Signature signature, BatchSize batch) throws Exception {
        try (ZooModel<NDList, NDList> model = TorchScriptLoader.load(resource(file))) {
            assertThat(TorchScriptProbe.probe(model, IMAGES, labels, Outputs.LOGITS))
                    .isEqualTo(new TorchScriptContract(signature, batch, Outputs.LOGITS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // scripted bidirectional LSTM over packed token ids: texts of different lengths share a pass
        "text-lstm-l1-bi.pt, X_LENGTHS",
        // traced GRU over token ids alone: texts of one length share a pass
        "text-gru-x.pt,      X"
    })
    void findsHowATextModuleIsCalled(String file, Signature signature) throws Exception {
        List<String> vocabulary = new ArrayList<>(List.of("<pad>", "<unk>"));
        "abcdefghijklmnopqrstuvwxyzAB".chars().forEach(c -> vocabulary.add(Character.toString(c)));
        InputSpec text = new TextInputSpec(TokenizerKind.CHARACTERS, Normalization.NFKC, false, 100, vocabulary);
        try (ZooModel<NDList, NDList> model = TorchScriptLoader.load(resource(file))) {
            assertThat(TorchScriptProbe.probe(model, text, 5, Outputs.LOGITS))
                    .isEqualTo(new TorchScriptContract(signature, BatchSize.ANY, Outputs.LOGITS));
        }
    }

    @Test
    void aModuleThatFailsOnAShorterInputAloneIsRefused() throws Exception {
        // forward(x, lengths) flattening all 28 rows: explain's shorter prefixes could not serve
        try (ZooModel<NDList, NDList> model = TorchScriptLoader.load(resource("rows-flat-lengths.pt"))) {
            assertThatThrownBy(() -> TorchScriptProbe.probe(model, IMAGES, 5, Outputs.LOGITS))
                    .isInstanceOf(InvalidModuleException.class)
                    .hasMessageContaining("called as forward(x, lengths) with float32 image rows (1, 1, 28)")
                    .hasMessageContaining("every input length up to the longest must serve");
        }
    }

    @Test
    void logitsDeclaredAsProbabilitiesAreRefused() throws Exception {
        try (ZooModel<NDList, NDList> model = TorchScriptLoader.load(resource("rows-lstm-x.pt"))) {
            assertThatThrownBy(() -> TorchScriptProbe.probe(model, IMAGES, 5, Outputs.PROBABILITIES))
                    .isInstanceOf(InvalidModuleException.class)
                    .hasMessageContaining("the module does not return probabilities")
                    .hasMessageContaining("must lie in [0, 1] and sum to 1");
        }
    }

    @Test
    void aBatchWithoutLengthsMustHoldOneLength() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<EncodedInput> equal = IMAGES.probeInputs(true);
            assertThat(Batches.of(manager, equal, Signature.X)).hasSize(1);
            assertThat(Batches.of(manager, equal, Signature.X_LENGTHS)).hasSize(2);
            assertThatThrownBy(() -> Batches.of(manager, IMAGES.probeInputs(false), Signature.X))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one length");
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(
                TorchScriptProbeTest.class.getResource("/torchscript/" + name).toURI());
    }
}
