package io.github.rnnserving.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Hand-made {@code .npy} and {@code .npz} bytes for tests: good ones, bombs and liars. */
public final class NpzBytes {

    private NpzBytes() {}

    /** A version 1.0 header as NumPy writes it, padded so the data starts at a multiple of 64. */
    public static byte[] npyHeader(String descr, long... shape) {
        String tuple = shape.length == 1
                ? "(" + shape[0] + ",)"
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
        StringBuilder dictionary =
                new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }");
        while ((10 + dictionary.length() + 1) % 64 != 0) {
            dictionary.append(' ');
        }
        dictionary.append('\n');
        ByteBuffer header = ByteBuffer.allocate(10 + dictionary.length()).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        header.putShort((short) dictionary.length());
        header.put(dictionary.toString().getBytes(StandardCharsets.ISO_8859_1));
        return header.array();
    }

    /** A float32 array of zeros of this shape. */
    public static byte[] zeros(long... shape) {
        long elements = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return concat(npyHeader("<f4", shape), new byte[(int) elements * 4]);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A deflated archive of {@code <name>.npy} entries, in order. */
    public static byte[] npz(Map<String, byte[]> arrays) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(array.getKey() + ".npy"));
                zip.write(array.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entries of an archive on disk, by array name, in order. */
    public static Map<String, byte[]> entries(Path npz) throws IOException {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                arrays.put(
                        entry.getName().replace(".npy", ""),
                        zip.getInputStream(entry).readAllBytes());
            }
        }
        return arrays;
    }

    /**
     * The arrays of {@code good} with {@code bomb}'s header followed by {@code zeros} zero bytes as
     * its last entry, deflated as hard as zip can: about a thousand times smaller than it inflates.
     */
    public static byte[] bomb(Map<String, byte[]> good, String bomb, byte[] header, long zeros) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> array : good.entrySet()) {
                if (!array.getKey().equals(bomb)) {
                    zip.putNextEntry(new ZipEntry(array.getKey() + ".npy"));
                    zip.write(array.getValue());
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(bomb + ".npy"));
            zip.write(header);
            byte[] chunk = new byte[1 << 20];
            for (long left = zeros; left > 0; left -= chunk.length) {
                zip.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A copy whose central directory declares {@code size} inflated bytes for the entry {@code name}. */
    public static byte[] withDeclaredSize(byte[] zip, String name, long size) {
        byte[] lying = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int at = lying.length - 46; at >= 0; at--) {
            if (buffer.getInt(at) == 0x02014b50
                    && buffer.getShort(at + 28) == wanted.length
                    && Arrays.equals(Arrays.copyOfRange(lying, at + 46, at + 46 + wanted.length), wanted)) {
                buffer.putInt(at + 24, (int) size);
                return lying;
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }

    /** A copy where every occurrence of entry name {@code from} is renamed {@code to} (same length). */
    public static byte[] renamed(byte[] zip, String from, String to) {
        byte[] copy = zip.clone();
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + a.length <= copy.length; at++) {
            if (Arrays.equals(Arrays.copyOfRange(copy, at, at + a.length), a)) {
                System.arraycopy(b, 0, copy, at, b.length);
            }
        }
        return copy;
    }

    public static Path write(Path folder, String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }
}
