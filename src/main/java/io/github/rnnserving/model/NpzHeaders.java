package io.github.rnnserving.model;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The names and shapes of the arrays in an {@code .npz} on disk, read from the zip directory and
 * each entry's {@code .npy} header alone: the few hundred bytes of a header are all that is
 * inflated, so the names can be mapped and the architecture read off the shapes before any data
 * is trusted. {@link NpzArrays} then reads the data within its limits.
 */
public final class NpzHeaders {

    /**
     * More entries than any state_dict a recurrent classifier can have (35 parameters at 4 layers)
     * plus room for what users leave in, yet few enough that reading every header stays cheap.
     */
    static final int MAX_ENTRIES = 256;

    private NpzHeaders() {}

    /**
     * @return every array's shape by its name (the entry without {@code .npy}), in archive order
     * @throws InvalidWeightsException when the file is not a zip of float {@code .npy} arrays, holds
     *     an array twice, or more than {@value #MAX_ENTRIES} entries
     */
    public static Map<String, Shape> read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new InvalidWeightsException("the .npz holds " + zip.size() + " entries, more than the "
                        + MAX_ENTRIES + " a recurrent classifier's weights could need");
            }
            Map<String, Shape> shapes = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                String name = NpzArrays.arrayName(entry.getName());
                if (entry.isDirectory()) {
                    throw new InvalidWeightsException("the .npz holds a folder (" + name + "), not only arrays");
                }
                if (shapes.containsKey(name)) {
                    throw new InvalidWeightsException(
                            "weights do not fit the architecture: " + name + " appears twice");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    shapes.put(name, NpyHeader.read(name, in).shape());
                }
            }
            if (shapes.isEmpty()) {
                throw new InvalidWeightsException("not a readable .npz file: no arrays");
            }
            return shapes;
        } catch (ZipException e) {
            throw new InvalidWeightsException("not a readable .npz (zip) file: " + e.getMessage(), e);
        }
    }
}
