package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rnnserving.model.TorchScriptContract.BatchSize;
import io.github.rnnserving.model.TorchScriptContract.Outputs;
import io.github.rnnserving.model.TorchScriptContract.Signature;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code model.json}'s {@code moduleContract}: its JSON, and older bundles that have none. */
class TorchScriptContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesAndReadsItsOwnWords() {
        TorchScriptContract contract = new TorchScriptContract(Signature.X, BatchSize.ONE, Outputs.LOG_PROBABILITIES);
        String json = JSON.writeValueAsString(contract);
        assertThat(json).isEqualTo("{\"signature\":\"x\",\"batch\":\"one\",\"outputs\":\"log-probabilities\"}");
        assertThat(JSON.readValue(json, TorchScriptContract.class)).isEqualTo(contract);
    }

    @Test
    void aBundleWithoutTheSectionIsCalledAsBeforeAndAnUnknownWordIsRefused(@TempDir Path bundle) throws Exception {
        ObjectNode manifest = JSON.createObjectNode()
                .put("formatVersion", ModelManifest.FORMAT_VERSION)
                .put("name", "older")
                .put("format", ModelManifest.FORMAT_TORCHSCRIPT);
        manifest.putObject("input").put("kind", "image-rows").put("rows", 28).put("columns", 28);
        manifest.putArray("labels").add("a").add("b");
        manifest.putObject("weights")
                .put("file", "model.pt")
                .put("sha256", "00")
                .put("bytes", 1);
        Files.writeString(bundle.resolve(ModelBundles.MANIFEST), manifest.toString());

        ModelManifest read = new ModelBundles().readManifest(bundle);
        assertThat(read.moduleContract()).isNull();
        assertThat(read.contract()).isEqualTo(TorchScriptContract.LEGACY);
        assertThat(TorchScriptContract.LEGACY)
                .isEqualTo(new TorchScriptContract(Signature.X_LENGTHS, BatchSize.ANY, Outputs.LOGITS));
        assertThat(JSON.readTree(JSON.writeValueAsString(read)).has("moduleContract"))
                .isFalse();

        manifest.putObject("moduleContract")
                .put("signature", "x")
                .put("batch", "some")
                .put("outputs", "logits");
        Files.writeString(bundle.resolve(ModelBundles.MANIFEST), manifest.toString());
        assertThatThrownBy(() -> new ModelBundles().readManifest(bundle))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("is invalid");
    }

    @Test
    void outputsAreOneOfThreeAndLogitsWhenAbsent() {
        assertThat(Outputs.parse(null)).isEqualTo(Outputs.LOGITS);
        assertThat(Outputs.parse("probabilities")).isEqualTo(Outputs.PROBABILITIES);
        assertThatThrownBy(() -> Outputs.parse("softmax"))
                .hasMessage("outputs must be one of logits, log-probabilities, probabilities, got 'softmax'");
    }
}
