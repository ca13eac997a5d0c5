package io.github.rnnserving.model;

import static io.github.rnnserving.model.NpzBytes.concat;
import static io.github.rnnserving.model.NpzBytes.npyHeader;
import static io.github.rnnserving.model.NpzBytes.npz;
import static io.github.rnnserving.model.NpzBytes.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .npy} header reader and the {@code .npz} checks, on hand-made bytes: no engine needed. */
class NpzArraysTest {

    private static final Map<String, Shape> EXPECTED = Map.of("a", new Shape(2, 3), "b", new Shape(4));

    private static final int H = npyHeader("<f4", 4).length;

    @TempDir
    Path folder;

    @Test
    void readsNumPysHeaderAndStopsAtTheData() throws IOException {
        byte[] bytes = concat(npyHeader("<f4", 48, 16), new byte[] {42});
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        NpyHeader header = NpyHeader.read("rnn.weight_hh_l0", in);
        assertThat(header.shape()).isEqualTo(new Shape(48, 16));
        assertThat(header.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(header.headerBytes())
                .isEqualTo(npyHeader("<f4", 48, 16).length)
                .isEqualTo(128);
        assertThat(header.dataBytes()).isEqualTo(48 * 16 * 4);
        assertThat(in.read()).isEqualTo(42);
        assertThat(NpyHeader.read("b", new ByteArrayInputStream(npyHeader("<f8", 5)))
                        .shape())
                .isEqualTo(new Shape(5));
        assertThat(NpyHeader.read("s", new ByteArrayInputStream(npyHeader("<f2")))
                        .shape())
                .isEqualTo(new Shape());
    }

    @Test
    void refusesHeadersThatAreNotLittleEndianCOrderedFloats() {
        assertRefused(concat("NOTNPY\1\0".getBytes(StandardCharsets.ISO_8859_1), new byte[8]), "magic");
        byte[] version9 = npyHeader("<f4", 2);
        version9[6] = 9;
        assertRefused(version9, "format version 9");
        assertRefused(npyHeader("<i8", 2), "element type '<i8'");
        assertRefused(npyHeader(">f4", 2), "element type '>f4'");
        assertRefused(
                new String(npyHeader("<f4", 2), StandardCharsets.ISO_8859_1)
                        .replace("False", "True ")
                        .getBytes(StandardCharsets.ISO_8859_1),
                "Fortran order");
        assertRefused(
                new String(npyHeader("<f4", 2), StandardCharsets.ISO_8859_1)
                        .replace("(2,)", "(x,)")
                        .getBytes(StandardCharsets.ISO_8859_1),
                "not a tuple");
        byte[] huge = npyHeader("<f4", 2);
        huge[8] = (byte) 0xFF;
        huge[9] = (byte) 0x7F;
        assertRefused(huge, "at most 10000");
        assertRefused(npyHeader("<f4", 1L << 40, 1L << 40), "too large");
        assertRefused(new byte[] {(byte) 0x93, 'N'}, "magic");
    }

    @Test
    void readsAnArchiveThatFitsFromDiskAndAsAStream() throws IOException {
        byte[] good = npz(arrays(zeros(2, 3), zeros(4)));
        assertThat(readFile(good, Long.MAX_VALUE)).containsExactly("a (2, 3)", "b (4)");
        assertThat(readStream(good)).containsExactly("a (2, 3)", "b (4)");
    }

    @Test
    void refusesWrongShapesMissingUnexpectedAndRepeatedArrays() {
        assertThatThrownBy(() -> readFile(npz(arrays(zeros(3, 2), zeros(5))), Long.MAX_VALUE))
                .hasMessageContaining("a has shape (3, 2) but the architecture needs (2, 3)")
                .hasMessageContaining("b has shape (5) but the architecture needs (4)");
        assertThatThrownBy(() -> readFile(npz(Map.of("a", zeros(2, 3))), Long.MAX_VALUE))
                .hasMessageContaining("missing [b]");
        Map<String, byte[]> extra = arrays(zeros(2, 3), zeros(4));
        extra.put("c", zeros(1));
        assertThatThrownBy(() -> readFile(npz(extra), Long.MAX_VALUE)).hasMessageContaining("unexpected [c]");
        assertThatThrownBy(() -> readStream(npz(extra))).hasMessageContaining("unexpected [c]");
        // two entries named b.npy: a zip writer refuses to make them, so rename one afterwards
        Map<String, byte[]> twice = arrays(zeros(2, 3), zeros(4));
        twice.put("c", zeros(4));
        byte[] repeated = NpzBytes.renamed(npz(twice), "c.npy", "b.npy");
        assertThatThrownBy(() -> readFile(repeated, Long.MAX_VALUE)).hasMessageContaining("b appears twice");
        assertThatThrownBy(() -> readStream(repeated)).hasMessageContaining("b appears twice");
        assertThatThrownBy(() -> readFile("not a zip".getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE))
                .isInstanceOf(InvalidWeightsException.class);
        assertThatThrownBy(() -> readStream("not a zip".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no arrays");
    }

    @Test
    void refusesABombFromItsDeclaredSizeBeforeInflatingIt() {
        byte[] bomb = NpzBytes.bomb(arrays(zeros(2, 3), zeros(4)), "b", npyHeader("<f4", 4), 50_000_000);
        assertThat(bomb.length).isLessThan(200_000);
        assertThatThrownBy(() -> readFile(bomb, Long.MAX_VALUE))
                .hasMessageContaining(
                        "b declares " + (50_000_000 + H) + " bytes inflated, more than its shape (4) can take");
    }

    @Test
    void refusesAnEntryWhoseDeclaredSizeLiesAtTheFirstByteTooMany() {
        byte[] bomb = NpzBytes.bomb(arrays(zeros(2, 3), zeros(4)), "b", npyHeader("<f4", 4), 50_000_000);
        byte[] lying = NpzBytes.withDeclaredSize(bomb, "b.npy", H + 16);
        assertThatThrownBy(() -> readFile(lying, Long.MAX_VALUE))
                .hasMessageContaining("b holds more data than its header's shape (4)");
        assertThatThrownBy(() -> readStream(lying)).hasMessageContaining("b holds more data");
    }

    @Test
    void refusesADeclaredSizeOtherThanTheHeaderMakesAndATotalOverTheCap() {
        byte[] good = npz(arrays(zeros(2, 3), zeros(4)));
        assertThatThrownBy(() -> readFile(NpzBytes.withDeclaredSize(good, "b.npy", H + 8), Long.MAX_VALUE))
                .hasMessageContaining("b declares " + (H + 8) + " bytes inflated but its header makes " + (H + 16));
        assertThatThrownBy(() -> readFile(good, 100)).hasMessageContaining("over the limit of 100");
    }

    private static Map<String, byte[]> arrays(byte[] a, byte[] b) {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("a", a);
        arrays.put("b", b);
        return arrays;
    }

    private List<String> readFile(byte[] zip, long cap) throws IOException {
        List<String> read = new ArrayList<>();
        new NpzArrays(EXPECTED, cap)
                .read(
                        NpzBytes.write(folder, "w.npz", zip),
                        (header, data) ->
                                read.add(header.name() + " " + header.shape() + check(header, data.remaining())));
        return read;
    }

    private static List<String> readStream(byte[] zip) throws IOException {
        List<String> read = new ArrayList<>();
        new NpzArrays(EXPECTED, Long.MAX_VALUE)
                .read(
                        new ByteArrayInputStream(zip),
                        (header, data) ->
                                read.add(header.name() + " " + header.shape() + check(header, data.remaining())));
        return read;
    }

    private static String check(NpyHeader header, int bytes) {
        assertThat((long) bytes).isEqualTo(header.dataBytes());
        return "";
    }

    private static void assertRefused(byte[] header, String problem) {
        assertThatThrownBy(() -> NpyHeader.read("x", new ByteArrayInputStream(header)))
                .isInstanceOf(InvalidWeightsException.class)
                .hasMessageContaining(problem);
    }
}
