package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.data.TextExample;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.model.text.TokenizerKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two input kinds: each spec reads and writes {@code model.json}'s {@code input} exactly as
 * bundles hold it (keys, order, values), and each encoder turns its kind of example into the
 * expected steps.
 */
class InputSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String TEXT = "{\"kind\":\"text\",\"tokens\":\"CHARACTERS\",\"normalization\":\"NFKC\","
            + "\"lowerCase\":false,\"maxLength\":5,\"vocabulary\":[\"<pad>\",\"<unk>\",\"a\",\"b\"]}";
    private static final String IMAGE_ROWS = "{\"kind\":\"image-rows\",\"rows\":28,\"columns\":28}";

    @ParameterizedTest
    @ValueSource(
            strings = {
                TEXT,
                IMAGE_ROWS,
                // bundles written before lowerCase existed lack it, and keep lacking it
                "{\"kind\":\"text\",\"tokens\":\"WORDS\",\"normalization\":\"NONE\",\"maxLength\":400,"
                        + "\"vocabulary\":[\"<pad>\",\"<unk>\",\"good\"]}"
            })
    void eachKindWritesBackTheJsonItRead(String json) {
        InputSpec spec = JSON.readValue(json, InputSpec.class);
        assertThat(JSON.writerFor(InputSpec.class).writeValueAsString(spec)).isEqualTo(json);
        // a spec written on its own, not as a manifest's input, still names its kind first
        assertThat(JSON.writeValueAsString(spec)).isEqualTo(json);
    }

    @Test
    void theKindNamesTheType() {
        InputSpec text = JSON.readValue(TEXT, InputSpec.class);
        assertThat(text)
                .isEqualTo(new TextInputSpec(
                        TokenizerKind.CHARACTERS, Normalization.NFKC, false, 5, List.of("<pad>", "<unk>", "a", "b")));
        assertThat(text.kind()).isEqualTo(InputKind.TEXT);
        InputSpec image = JSON.readValue(IMAGE_ROWS, InputSpec.class);
        assertThat(image).isEqualTo(new ImageRowsInputSpec(28, 28));
        assertThat(image.kind()).isEqualTo(InputKind.IMAGE_ROWS);
    }

    static List<Path> committedBundles() throws IOException {
        return ManifestRoundTripTest.committedBundles();
    }

    /** Byte for byte, key order included, with the bundles' own writer (indented). */
    @ParameterizedTest
    @MethodSource("committedBundles")
    void everyCommittedBundleKeepsItsInputSection(Path bundle) throws IOException {
        JsonMapper indented =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        JsonNode input = indented.readTree(bundle.resolve(ModelBundles.MANIFEST).toFile())
                .get("input");
        InputSpec spec = new ModelBundles().readManifest(bundle).input();
        assertThat(indented.writerFor(InputSpec.class).writeValueAsString(spec))
                .isEqualTo(indented.writeValueAsString(input));
    }

    @Test
    void theTextEncoderTurnsTextExamplesIntoTokenIds() {
        TextInputSpec spec = (TextInputSpec) JSON.readValue(TEXT, InputSpec.class);
        TextEncoder encoder = spec.encoder();
        assertThat(encoder.encode(new TextExample("abba", "x")))
                .isInstanceOfSatisfying(
                        EncodedInput.TokenIds.class,
                        ids -> assertThat(ids.ids()).containsExactly(2, 3, 3, 2));
        // cut at maxLength (5), unknown characters read as <unk> (1)
        assertThat(encoder.encode(new TextExample("abzbaab", "x")))
                .isInstanceOfSatisfying(
                        EncodedInput.TokenIds.class,
                        ids -> assertThat(ids.ids()).containsExactly(2, 3, 1, 3, 2));
        assertThat(encoder.encode(new TextExample("", "x"))).as("no tokens").isNull();
        assertThat(encoder.standIn())
                .isInstanceOfSatisfying(
                        EncodedInput.TokenIds.class,
                        ids -> assertThat(ids.ids()).containsExactly(1));
        assertThatThrownBy(() -> encoder.encode(new ImageExample(new byte[4], 2, 2, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a text model cannot read image examples");
    }

    @Test
    void theImageEncoderTurnsImageExamplesIntoPixelRows() {
        ImageRowsInputSpec spec = new ImageRowsInputSpec(2, 3);
        InputEncoder encoder = spec.encoder();
        byte[] pixels = {0, 1, 2, (byte) 253, (byte) 254, (byte) 255};
        EncodedInput encoded = encoder.encode(new ImageExample(pixels, 2, 3, "x"));
        assertThat(encoded).isInstanceOfSatisfying(EncodedInput.PixelRows.class, rows -> {
            assertThat(rows.pixels()).containsExactly(pixels);
            assertThat(rows.rows()).isEqualTo(2);
            assertThat(rows.columns()).isEqualTo(3);
        });
        assertThat(encoded.length()).isEqualTo(2);
        assertThatThrownBy(() -> encoder.encode(new ImageExample(new byte[6], 3, 2, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image of 3x2 for a model of 2x3");
        assertThatThrownBy(() -> encoder.encode(new TextExample("abba", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an image model cannot read text examples");
    }

    @Test
    void warmUpSamplesAreTypicalInputsOfTheKind() {
        TextInputSpec text = (TextInputSpec) JSON.readValue(TEXT, InputSpec.class);
        // 16 unknown tokens, cut at maxLength
        assertThat(text.warmUpSample())
                .isInstanceOfSatisfying(
                        EncodedInput.TokenIds.class,
                        ids -> assertThat(ids.ids()).containsExactly(1, 1, 1, 1, 1));
        TextInputSpec longer =
                new TextInputSpec(text.tokens(), text.normalization(), text.lowerCase(), 400, text.vocabulary());
        assertThat(longer.warmUpSample().length()).isEqualTo(16);
        assertThat(new ImageRowsInputSpec(28, 28).warmUpSample())
                .isInstanceOfSatisfying(EncodedInput.PixelRows.class, rows -> {
                    assertThat(rows.pixels()).hasSize(28 * 28).containsOnly(0);
                    assertThat(rows.rows()).isEqualTo(28);
                });
    }

    @Test
    void eachKindStacksItsProbeBatchIntoTheTensorTheNetworkReads() {
        TextInputSpec text = (TextInputSpec) JSON.readValue(TEXT, InputSpec.class);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList ids = Batches.of(manager, text.probeBatch());
            assertThat(ids.get(0).getShape()).isEqualTo(new Shape(2, 3));
            assertThat(ids.get(0).getDataType()).isEqualTo(DataType.INT64);
            assertThat(ids.get(0).toLongArray()).containsExactly(2, 3, 3, 2, 0, 0);
            assertThat(ids.get(1).toLongArray()).containsExactly(3, 1);

            List<EncodedInput> images = new ArrayList<>(new ImageRowsInputSpec(28, 28).probeBatch());
            images.add(new EncodedInput.PixelRows(new byte[] {(byte) 255, 0}, 1, 2));
            assertThatThrownBy(() -> Batches.of(manager, images))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("images in one batch must have the same number of columns");
            NDList rows = Batches.of(manager, images.subList(0, 2));
            assertThat(rows.get(0).getShape()).isEqualTo(new Shape(2, 28, 28));
            assertThat(rows.get(0).getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(rows.get(1).toLongArray()).containsExactly(28, 1);

            List<EncodedInput> mixed = List.of(text.warmUpSample(), new ImageRowsInputSpec(28, 28).warmUpSample());
            assertThatThrownBy(() -> Batches.of(manager, mixed))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a batch must hold one kind of input");
        }
    }
}
