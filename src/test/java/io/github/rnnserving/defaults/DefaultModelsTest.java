package io.github.rnnserving.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.github.rnnserving.data.DatasetLoader;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.data.Example;
import io.github.rnnserving.data.LoadedDataset;
import io.github.rnnserving.model.LoadedModel;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.training.Evaluator;
import io.github.rnnserving.training.ExampleEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundles committed under {@code models/} still score what docs/MODELS.md reports on a fixed
 * sample of their test split ({@code sample} items drawn with a fixed seed), within one point:
 * a corrupt, retrained or mismatched model cannot land unnoticed. Reading the data and splitting
 * it as model.json records also proves the split is still the one the model was scored on.
 */
class DefaultModelsTest {

    private static final double ONE_POINT = 0.01;
    private static final long SAMPLE_SEED = 42;

    @ParameterizedTest(name = "{0} version {1}")
    @CsvFileSource(resources = "/default-models.csv", numLinesToSkip = 1)
    void committedModelScoresAsReported(String name, String version, int sample, double reportedAccuracy)
            throws IOException {
        Path bundle = Path.of("models", name, version);
        assertThat(Files.readString(Path.of("models", name, "serving-version"), StandardCharsets.UTF_8)
                        .trim())
                .as("models/%s/serving-version", name)
                .isEqualTo(version);
        ModelBundles bundles = new ModelBundles();
        ModelManifest manifest = bundles.readManifest(bundle);
        assertThat(Files.size(bundle.resolve(manifest.weights().file()))).isLessThan(20L * 1024 * 1024);

        DatasetSpec spec =
                JsonMapper.builder().build().convertValue(manifest.dataset().spec(), DatasetSpec.class);
        LoadedDataset dataset = DatasetLoader.load(spec);
        assertThat(dataset.fingerprint())
                .as("same files, same split")
                .isEqualTo(manifest.dataset().fingerprint());
        // a seeded sample: the split keeps labels together, so its first items are no sample at all
        List<Example> test = new java.util.ArrayList<>(dataset.split().test());
        java.util.Collections.shuffle(test, new java.util.Random(SAMPLE_SEED));
        List<Example> fixed = test.subList(0, Math.min(sample, test.size()));

        ExampleEncoder.Encoded encoded = new ExampleEncoder(manifest.input(), manifest.labels()).encode(fixed);
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = bundles.read(bundle, manager);
            int[] predicted = Evaluator.evaluate(loaded.classifier(), manager, encoded.data(), 256)
                    .predicted();
            int[] actual = encoded.data().labels();
            int correct = 0;
            for (int i = 0; i < actual.length; i++) {
                correct += predicted[i] == actual[i] ? 1 : 0;
            }
            double accuracy = (double) correct / actual.length;
            System.out.printf("%s,%s,%d,%.4f%n", name, version, sample, accuracy);
            assertThat(accuracy)
                    .as("%s on the first %d test items", name, fixed.size())
                    .isCloseTo(reportedAccuracy, org.assertj.core.data.Offset.offset(ONE_POINT));
        }
    }
}
