package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every committed bundle's {@code model.json} reads into the typed manifest and writes back to the
 * same JSON tree (JSON objects compare regardless of key order), so typing the sections lost nothing
 * and old bundles, which lack later fields, still load.
 */
class ManifestRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Path> committedBundles() throws IOException {
        try (Stream<Path> files =
                Files.find(Path.of("models"), 3, (path, attributes) -> path.endsWith(ModelBundles.MANIFEST))) {
            return files.map(Path::getParent).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("committedBundles")
    void readsAndWritesBackTheSameJson(Path bundle) throws IOException {
        JsonNode original = JSON.readTree(bundle.resolve(ModelBundles.MANIFEST).toFile());
        ModelManifest manifest = new ModelBundles().readManifest(bundle);

        JsonNode written = JSON.readTree(JSON.writeValueAsString(manifest));

        // the only additions allowed are the defaults the manifest and its architecture already
        // gave bundles written before those fields existed: the format (npz) with the torchScript
        // flag derived from it, and no input/output dropout
        ObjectNode expected = (ObjectNode) original.deepCopy();
        if (!expected.has("format")) {
            expected.put("format", ModelManifest.FORMAT_NPZ);
            expected.put("torchScript", false);
        }
        ObjectNode architecture = (ObjectNode) expected.get("architecture");
        if (!architecture.has("inputDropout")) {
            architecture.put("inputDropout", 0.0);
            architecture.put("outputDropout", 0.0);
        }
        assertThat(written).as(bundle.toString()).isEqualTo(expected);
        assertThat(manifest.training().history()).as("history").isNotEmpty();
        if (manifest.isGenerator()) {
            // a generator's metrics are bits per character; its labels are its conditions
            assertThat(manifest.metrics().confusionMatrix()).isNull();
        } else {
            assertThat(manifest.metrics().confusionMatrix().length)
                    .as("confusion matrix rows")
                    .isEqualTo(manifest.labels().size());
        }
        assertThat(manifest.dataset().sizes().test())
                .as("test size")
                .isEqualTo(manifest.metrics().testSize());
    }

    @Test
    void allEightCommittedBundlesAreChecked() throws IOException {
        assertThat(committedBundles()).hasSize(8);
    }
}
