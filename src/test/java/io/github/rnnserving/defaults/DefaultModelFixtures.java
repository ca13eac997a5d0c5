package io.github.rnnserving.defaults;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.model.LoadedModel;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ReferenceNetwork;
import io.github.rnnserving.model.TextInputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code src/test/resources/default-model-probabilities/<model>.json}: each committed
 * default model's probabilities on {@link FixedInputs}, computed by {@link ReferenceNetwork} in
 * float64 from the bundle's weights, so they depend on no CPU kernel. {@link
 * DefaultModelsExactnessTest} holds the service to them. Run again only when a default model is
 * retrained: {@code scripts/default-model-fixtures.sh}.
 */
public final class DefaultModelFixtures {

    private static final Path OUT = Path.of("src/test/resources/default-model-probabilities");

    private DefaultModelFixtures() {}

    public static void main(String[] args) throws IOException {
        Files.createDirectories(OUT);
        for (String model : List.of(
                "mnist", "fashion-mnist", "names", "sentiment-en", "sentiment-zh", "names-stream", "mnist-stream")) {
            write(model);
        }
    }

    private static void write(String model) throws IOException {
        String version =
                Files.readString(Path.of("models", model, "serving-version")).trim();
        Path bundle = Path.of("models", model, version);
        ModelBundles bundles = new ModelBundles();
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = bundles.read(bundle, manager);
            Map<String, NDArray> weights = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> named :
                    loaded.classifier().namedParameters().entrySet()) {
                weights.put(named.getKey(), named.getValue().getArray().toType(DataType.FLOAT64, true));
            }
            ReferenceNetwork reference = new ReferenceNetwork(loaded.manifest().architecture(), weights);
            Map<String, Object> fixture = new LinkedHashMap<>();
            fixture.put("model", model);
            fixture.put("version", version);
            fixture.put("weightsSha256", loaded.manifest().weights().sha256());
            fixture.put("computedBy", "ReferenceNetwork, float64, one input at a time");
            fixture.put("labels", loaded.manifest().labels());
            List<double[]> probabilities = new ArrayList<>();
            if (loaded.manifest().input() instanceof TextInputSpec textInput) {
                List<String> texts = FixedInputs.texts(model);
                fixture.put("texts", texts);
                for (String text : texts) {
                    long[] ids = textInput.encoder().encode(text);
                    probabilities.add(softmax(reference.logits(manager.create(ids))));
                }
            } else {
                fixture.put("images", "the first " + FixedInputs.COUNT + " of the official test set");
                for (ImageExample image : FixedInputs.images(model)) {
                    float[] rows = new float[image.pixels().length];
                    for (int p = 0; p < rows.length; p++) {
                        rows[p] = (image.pixels()[p] & 0xFF) / 255f;
                    }
                    NDArray steps = manager.create(rows, new Shape(image.rows(), image.columns()))
                            .toType(DataType.FLOAT64, false);
                    probabilities.add(softmax(reference.logits(steps)));
                }
            }
            fixture.put("probabilities", probabilities);
            Path file = OUT.resolve(model + ".json");
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), fixture);
            System.out.println("wrote " + file);
        }
    }

    private static double[] softmax(NDArray logits) {
        double[] values = logits.toDoubleArray();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.exp(values[i] - max);
            sum += result[i];
        }
        for (int i = 0; i < values.length; i++) {
            result[i] /= sum;
        }
        return result;
    }
}
