package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LSTMs made in PyTorch ({@code torchscript/make_lstm_sweep.py}), traced and scripted, give
 * PyTorch's logits within 1e-4 at every batch size: a TorchScript {@code aten::lstm} takes the same
 * libtorch path as the project's own models, oneDNN's AVX-512 kernel included when it is on.
 */
class TorchScriptLstmTest {

    private static final float TOLERANCE = 1e-4f;
    private static final int[] BATCH_SIZES = {1, 2, 3, 5, 8, 16};

    static Stream<Arguments> exports() {
        List<Arguments> exports = new ArrayList<>();
        for (int hidden : new int[] {8, 16, 33, 64}) {
            for (String kind : new String[] {"traced", "scripted"}) {
                exports.add(Arguments.of(hidden, kind));
            }
        }
        return exports.stream();
    }

    @ParameterizedTest(name = "hidden {0}, {1}")
    @MethodSource("exports")
    void reproducesPyTorchAtEveryBatchSize(int hidden, String kind) throws Exception {
        JsonNode fixture;
        try (InputStream in = Files.newInputStream(resource("lstm-h" + hidden + ".json"))) {
            fixture = JsonMapper.builder().build().readTree(in);
        }
        JsonNode logits = fixture.get("logits");
        try (ZooModel<NDList, NDList> model = TorchScriptLoader.load(resource("lstm-h" + hidden + "-" + kind + ".pt"));
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            NDArray images = images(manager, fixture.get("pixels"));
            for (int batch : BATCH_SIZES) {
                long[] lengths = new long[batch];
                Arrays.fill(lengths, 28);
                NDArray got = predictor
                        .predict(new NDList(images.get("0:{}", batch), manager.create(lengths)))
                        .singletonOrThrow();
                assertThat(got.getShape())
                        .isEqualTo(new Shape(batch, logits.get(0).size()));
                float[] flat = got.toFloatArray();
                for (int b = 0; b < batch; b++) {
                    for (int c = 0; c < logits.get(b).size(); c++) {
                        assertThat(flat[b * logits.get(b).size() + c])
                                .as("hidden " + hidden + " " + kind + ", batch " + batch + ", image " + b + ", class "
                                        + c)
                                .isCloseTo(logits.get(b).get(c).floatValue(), within(TOLERANCE));
                    }
                }
            }
        }
    }

    private static NDArray images(NDManager manager, JsonNode pixels) {
        float[] values = new float[pixels.size() * 28 * 28];
        int i = 0;
        for (JsonNode image : pixels) {
            for (JsonNode row : image) {
                for (JsonNode pixel : row) {
                    values[i++] = pixel.intValue() / 255f;
                }
            }
        }
        return manager.create(values, new Shape(pixels.size(), 28, 28));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(
                TorchScriptLstmTest.class.getResource("/torchscript/" + name).toURI());
    }
}
