package io.github.rnnserving.model;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads the arrays of an {@code .npz} only as far as they are what an architecture needs. A
 * compressed archive can inflate a thousandfold, so nothing is inflated on trust: every entry must
 * be an expected array, once; its {@code .npy} header must give the expected shape and a float
 * type; its size must be exactly header plus shape × element size; and all of it together must
 * stay under a cap. Entries are read to that size and no further, since the sizes an archive
 * declares can lie: one byte more is a refusal, not an allocation.
 */
final class NpzArrays {

    /** Receives each array's data, little-endian, once its header has passed. */
    interface Sink {
        void accept(NpyHeader header, ByteBuffer data);
    }

    private final Map<String, Shape> expected;
    private final long maxInflatedBytes;
    private long inflated;

    /**
     * @param expected the arrays wanted, by name, with their shapes
     * @param maxInflatedBytes the most all entries may inflate to together; lowered to what the
     *     expected arrays can take at 8 bytes an element plus their headers
     */
    NpzArrays(Map<String, Shape> expected, long maxInflatedBytes) {
        this.expected = new LinkedHashMap<>(expected);
        long needed = 0;
        for (Shape shape : expected.values()) {
            needed += entryBound(shape);
        }
        this.maxInflatedBytes = Math.min(maxInflatedBytes, needed);
    }

    /**
     * Reads an archive on disk: the central directory's names and declared sizes first, then every
     * entry's header, each inflating only its few hundred header bytes, and only then the data.
     * Every problem found before the data is reported together.
     */
    void read(Path file, Sink sink) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> entries = checkDirectory(zip);
            List<NpyHeader> headers = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (ZipEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    NpyHeader header = NpyHeader.read(arrayName(entry.getName()), in);
                    String problem = mismatch(header, entry.getSize());
                    if (problem != null) {
                        problems.add(problem);
                    }
                    headers.add(header);
                }
            }
            fail(problems);
            for (int i = 0; i < entries.size(); i++) {
                try (InputStream in = zip.getInputStream(entries.get(i))) {
                    NpyHeader header = NpyHeader.read(headers.get(i).name(), in);
                    sink.accept(header, data(header, in));
                }
            }
        } catch (ZipException e) {
            throw new InvalidWeightsException("not a readable .npz (zip) file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an archive entry by entry from its local headers. After an array that does not fit, the
     * others' headers are still read (their data skipped, never more than their expected size) so
     * the refusal lists every misfit; an unexpected or repeated entry ends the reading.
     */
    void read(InputStream npz, Sink sink) throws IOException {
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        boolean complete = true;
        try {
            ZipInputStream zip = new ZipInputStream(npz);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = arrayName(entry.getName());
                if (!expected.containsKey(name) || !seen.add(name)) {
                    problems.add(expected.containsKey(name) ? name + " appears twice" : "unexpected [" + name + "]");
                    complete = false;
                    break;
                }
                NpyHeader header = NpyHeader.read(name, zip);
                String problem = mismatch(header, entry.getSize());
                if (problem == null && problems.isEmpty()) {
                    sink.accept(header, data(header, zip));
                    continue;
                }
                if (problem != null) {
                    problems.add(problem);
                }
                long skip = header.dataBytes();
                if (skip > entryBound(expected.get(name)) || zip.skip(skip) < skip) {
                    complete = false;
                    break;
                }
            }
        } catch (ZipException e) {
            throw new InvalidWeightsException("not a readable .npz (zip) file: " + e.getMessage(), e);
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(seen);
        if (complete && !missing.isEmpty()) {
            problems.add(seen.isEmpty() ? "not a readable .npz file: no arrays" : "missing " + missing);
        }
        fail(problems);
    }

    private List<ZipEntry> checkDirectory(ZipFile zip) {
        List<ZipEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        TreeSet<String> unexpected = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        long declared = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            String name = arrayName(entry.getName());
            Shape shape = expected.get(name);
            if (shape == null || entry.isDirectory()) {
                unexpected.add(name);
            } else if (!seen.add(name)) {
                problems.add(name + " appears twice");
            } else if (entry.getSize() < 0 || entry.getSize() > entryBound(shape)) {
                problems.add(name + " declares " + entry.getSize() + " bytes inflated, more than its shape " + shape
                        + " can take");
            } else {
                entries.add(entry);
                declared += entry.getSize();
            }
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            problems.add(
                    seen.isEmpty() && unexpected.isEmpty()
                            ? "not a readable .npz file: no arrays"
                            : "missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected " + unexpected);
        }
        if (declared > maxInflatedBytes) {
            problems.add("the arrays declare " + declared + " bytes inflated, over the limit of " + maxInflatedBytes);
        }
        fail(problems);
        return entries;
    }

    /** What is wrong with a header against the architecture, or null; {@code declared} -1 if unknown. */
    private String mismatch(NpyHeader header, long declared) {
        Shape shape = expected.get(header.name());
        if (!shape.equals(header.shape())) {
            return header.name() + " has shape " + header.shape() + " but the architecture needs " + shape;
        }
        long size = header.headerBytes() + header.dataBytes();
        if (declared >= 0 && declared != size) {
            return header.name() + " declares " + declared + " bytes inflated but its header makes " + size + " ("
                    + header.descr() + ", shape " + shape + ")";
        }
        return null;
    }

    private ByteBuffer data(NpyHeader header, InputStream in) throws IOException {
        long size = header.dataBytes();
        inflated += header.headerBytes() + size;
        if (inflated > maxInflatedBytes) {
            fail(List.of("the arrays inflate past the limit of " + maxInflatedBytes + " bytes"));
        }
        if (size > Integer.MAX_VALUE - 16) {
            fail(List.of(header.name() + " has " + size + " bytes of data, more than one array may hold"));
        }
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length < size) {
            fail(List.of(header.name() + " ends after " + bytes.length + " of its " + size + " bytes of data"));
        }
        if (in.read() >= 0) {
            fail(List.of(header.name() + " holds more data than its header's shape " + header.shape()
                    + " (an entry whose declared size lies)"));
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Largest entry an array of this shape can make: float64 elements and the longest header. */
    private static long entryBound(Shape shape) {
        return shape.size() * Double.BYTES + NpyHeader.MAX_HEADER_BYTES + 16;
    }

    static String arrayName(String entryName) {
        return entryName.endsWith(".npy") ? entryName.substring(0, entryName.length() - 4) : entryName;
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidWeightsException("weights do not fit the architecture: " + String.join("; ", problems));
        }
    }
}
