package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * TorchScript fixtures exported from Python by {@code torchscript/make_torchscript.py} (torch
 * 1.13) must load in DJL's libtorch and reproduce PyTorch's logits, whatever the batch size.
 */
class TorchScriptLoaderTest {

    private static final float TOLERANCE = 1e-4f;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-lstm-l1-bi", "image-rows-gru-l1-uni"})
    void reproducesPyTorchLogits(String fixture) throws Exception {
        JsonNode expected = readFixture(fixture);
        boolean text = "text".equals(expected.get("inputKind").asString());
        long[] lengths = longs(expected.get("lengths"));
        float[][] logits = floatRows(expected.get("logits"));

        try (ZooModel<NDList, NDList> model = TorchScriptLoader.load(resource(fixture + ".pt"));
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            JsonNode input = expected.get("input");
            NDArray x = text ? tokenIds(manager, input) : images(manager, input);

            NDArray batch = predict(predictor, x, manager.create(lengths));
            assertThat(batch.getShape()).isEqualTo(new Shape(lengths.length, logits[0].length));
            for (int row = 0; row < lengths.length; row++) {
                assertClose(logits[row], batch.get(row).toFloatArray(), fixture + " row " + row);
            }

            // The shortest sequence alone, trimmed to its own length: a different batch size and
            // padded length than the export example, which a traced module would not accept.
            int shortest = indexOfMin(lengths);
            NDArray alone = x.get("{}:{}, :{}", shortest, shortest + 1, lengths[shortest]);
            NDArray aloneLength = manager.create(new long[] {lengths[shortest]});
            NDArray single = predict(predictor, alone, aloneLength);
            assertThat(single.getShape()).isEqualTo(new Shape(1, logits[0].length));
            assertClose(logits[shortest], single.get(0).toFloatArray(), fixture + " alone");
        }
    }

    @Test
    void garbageFileIsRejectedWithReason(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Path garbage = Files.write(dir.resolve("garbage.pt"), noise);

        InvalidBundleException error = assertThatExceptionOfType(InvalidBundleException.class)
                .isThrownBy(() -> TorchScriptLoader.load(garbage))
                .actual();
        String message = error.getMessage();
        assertThat(message.contains("garbage.pt")).as(message).isTrue();
        assertThat(message.contains("not a loadable TorchScript model"))
                .as(message)
                .isTrue();
        assertThat(message.contains("DJL said:")).as(message).isTrue();
    }

    @Test
    void missingFileIsRejected(@TempDir Path dir) {
        InvalidBundleException error = assertThatExceptionOfType(InvalidBundleException.class)
                .isThrownBy(() -> TorchScriptLoader.load(dir.resolve("absent.pt")))
                .actual();
        assertThat(error.getMessage().contains("absent.pt"))
                .as(error.getMessage())
                .isTrue();
    }

    private static NDArray predict(Predictor<NDList, NDList> predictor, NDArray x, NDArray lengths)
            throws TranslateException {
        NDList output = predictor.predict(new NDList(x, lengths));
        assertThat(output.size()).as("the model must return the logits alone").isEqualTo(1);
        return output.singletonOrThrow();
    }

    private static JsonNode readFixture(String fixture) throws IOException, URISyntaxException {
        try (InputStream in = Files.newInputStream(resource(fixture + ".json"))) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(
                TorchScriptLoaderTest.class.getResource("/torchscript/" + name).toURI());
    }

    private static NDArray tokenIds(NDManager manager, JsonNode rows) {
        int batch = rows.size();
        int steps = rows.get(0).size();
        long[] ids = new long[batch * steps];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                ids[b * steps + t] = rows.get(b).get(t).asLong();
            }
        }
        return manager.create(ids, new Shape(batch, steps));
    }

    private static NDArray images(NDManager manager, JsonNode images) {
        int batch = images.size();
        int rows = images.get(0).size();
        int columns = images.get(0).get(0).size();
        float[] pixels = new float[batch * rows * columns];
        int i = 0;
        for (JsonNode image : images) {
            for (JsonNode row : image) {
                for (JsonNode pixel : row) {
                    pixels[i++] = pixel.floatValue();
                }
            }
        }
        NDArray array = manager.create(pixels, new Shape(batch, rows, columns));
        assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
        return array;
    }

    private static long[] longs(JsonNode values) {
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i).asLong();
        }
        return result;
    }

    private static float[][] floatRows(JsonNode rows) {
        float[][] result = new float[rows.size()][];
        for (int r = 0; r < result.length; r++) {
            JsonNode row = rows.get(r);
            result[r] = new float[row.size()];
            for (int c = 0; c < row.size(); c++) {
                result[r][c] = row.get(c).floatValue();
            }
        }
        return result;
    }

    private static int indexOfMin(long[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as(what + " [" + i + "]").isCloseTo(expected[i], within(TOLERANCE));
        }
    }
}
