package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes a {@link RecurrentNetwork}'s parameters as NumPy {@code .npz} under PyTorch's
 * {@code state_dict} names: what {@code np.savez(path, **model.state_dict())} writes and what
 * {@code model.load_state_dict} takes back.
 */
public final class PyTorchWeights {

    private PyTorchWeights() {}

    /**
     * Loads the arrays of an {@code .npz} into a classifier, reading each array's header before its
     * data, so an archive that does not fit is refused before it is inflated. An initialised
     * classifier has its parameters overwritten; an uninitialised one (the cheaper case: nothing
     * random is drawn first) is initialised with the file's arrays once all of them have passed.
     *
     * @throws InvalidWeightsException when a parameter is missing, has another shape or type, the
     *     file holds arrays the architecture has no place for, or an entry is larger than it says
     */
    public static void load(RecurrentNetwork classifier, InputStream npz, NDManager manager) throws IOException {
        NpzArrays arrays = new NpzArrays(shapes(classifier), Long.MAX_VALUE);
        copyInto(classifier, manager, sink -> arrays.read(npz, sink));
    }

    /**
     * As {@link #load(RecurrentNetwork, InputStream, NDManager)} for an archive on disk (an
     * upload), whose central directory and headers are all checked first, with the inflated total
     * held under {@code maxInflatedBytes}. The classifier may be uninitialised: its parameters are
     * then allocated only after those checks.
     */
    public static void load(RecurrentNetwork classifier, Path npz, NDManager manager, long maxInflatedBytes)
            throws IOException {
        NpzArrays arrays = new NpzArrays(shapes(classifier), maxInflatedBytes);
        copyInto(classifier, manager, sink -> arrays.read(npz, sink));
    }

    /**
     * As {@link #load(RecurrentNetwork, Path, NDManager, long)} for an archive whose arrays carry
     * the user's module names: {@code parameterOf} gives each array's parameter ({@link
     * StateDictNames}). Refusals name the arrays as the archive does; a parameter no array maps to
     * is reported missing under its own name.
     */
    public static void load(
            RecurrentNetwork classifier,
            Path npz,
            NDManager manager,
            long maxInflatedBytes,
            Map<String, String> parameterOf)
            throws IOException {
        Map<String, String> fileOf = new HashMap<>();
        parameterOf.forEach((file, parameter) -> fileOf.put(parameter, file));
        Map<String, Shape> expected = new LinkedHashMap<>();
        shapes(classifier)
                .forEach((parameter, shape) -> expected.put(fileOf.getOrDefault(parameter, parameter), shape));
        NpzArrays arrays = new NpzArrays(expected, maxInflatedBytes);
        copyInto(
                classifier,
                manager,
                sink -> arrays.read(
                        npz,
                        (header, data) -> sink.accept(
                                new NpyHeader(
                                        parameterOf.getOrDefault(header.name(), header.name()),
                                        header.descr(),
                                        header.shape(),
                                        header.headerBytes()),
                                data)));
    }

    /** PyTorch's name and shape of every parameter; known from the architecture, nothing allocated. */
    static Map<String, Shape> shapes(RecurrentNetwork classifier) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        classifier.namedParameters().forEach((name, parameter) -> shapes.put(name, parameter.getShape()));
        return shapes;
    }

    private interface Reading {
        void readInto(NpzArrays.Sink sink) throws IOException;
    }

    private static void copyInto(RecurrentNetwork classifier, NDManager manager, Reading reading) throws IOException {
        if (classifier.isInitialized()) {
            overwrite(classifier, manager, reading);
        } else {
            initializeFrom(classifier, manager, reading);
        }
    }

    /** Copies each array into the parameter already there (a checkpoint resumed, a test's classifier). */
    private static void overwrite(RecurrentNetwork classifier, NDManager manager, Reading reading) throws IOException {
        Map<String, Parameter> parameters = classifier.namedParameters();
        reading.readInto((header, data) -> {
            // one array at a time, freed as soon as it is copied
            try (NDManager scope = manager.newSubManager()) {
                NDArray array = scope.create(data, header.shape(), header.dataType());
                array.toType(DataType.FLOAT32, false)
                        .copyTo(parameters.get(header.name()).getArray());
            }
        });
    }

    /**
     * Makes the file's arrays the parameters of an uninitialised classifier, once every array has
     * been read and checked: no random initialisation to throw away and no copy into existing
     * tensors (DJL's {@code NDArray.set}, whose native side uses a guard that libtorch 2.x reports
     * as deprecated on stderr).
     */
    private static void initializeFrom(RecurrentNetwork classifier, NDManager manager, Reading reading)
            throws IOException {
        Map<String, NDArray> arrays = new HashMap<>();
        boolean initialized = false;
        try {
            reading.readInto((header, data) -> arrays.put(header.name(), owned(manager, header, data)));
            Map<Parameter, Initializer> initializers = new LinkedHashMap<>();
            classifier.namedParameters().forEach((name, parameter) -> {
                NDArray array = arrays.get(name);
                initializers.put(parameter, parameter.getInitializer());
                parameter.setInitializer((m, shape, type) -> array);
            });
            try {
                classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            } finally {
                // a later re-initialisation draws random weights again, as the architecture says
                initializers.forEach(Parameter::setInitializer);
            }
            initialized = true;
        } finally {
            if (!initialized) {
                arrays.values().forEach(NDArray::close);
            }
        }
    }

    /**
     * The array as a float32 tensor in libtorch's own memory. DJL's {@code create} makes a tensor
     * over a direct Java buffer, freed once that array is closed and the buffer collected, and its
     * {@code toType} returns that same tensor when the type already matches: a parameter needs a
     * copy of its own ({@code duplicate} clones).
     */
    private static NDArray owned(NDManager manager, NpyHeader header, ByteBuffer data) {
        try (NDArray wrapped = manager.create(data, header.shape(), header.dataType())) {
            return wrapped.getDataType() == DataType.FLOAT32
                    ? wrapped.duplicate()
                    : wrapped.toType(DataType.FLOAT32, false);
        }
    }

    public static void save(RecurrentNetwork classifier, OutputStream out) throws IOException {
        NDList arrays = new NDList();
        for (Map.Entry<String, Parameter> entry : classifier.namedParameters().entrySet()) {
            NDArray array = entry.getValue().getArray();
            array.setName(entry.getKey());
            arrays.add(array);
        }
        arrays.encode(out, NDList.Encoding.NPZ);
    }
}
