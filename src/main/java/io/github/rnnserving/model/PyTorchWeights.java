package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads and writes a {@link RecurrentClassifier}'s parameters as NumPy {@code .npz} under PyTorch's
 * {@code state_dict} names: what {@code np.savez(path, **model.state_dict())} writes and what
 * {@code model.load_state_dict} takes back.
 */
public final class PyTorchWeights {

    private PyTorchWeights() {}

    /**
     * Copies the arrays of an {@code .npz} into an initialised classifier.
     *
     * @throws InvalidWeightsException when a parameter is missing, has another shape, or the file
     *     holds arrays the architecture has no place for
     */
    public static void load(RecurrentClassifier classifier, InputStream npz, NDManager manager)
            throws IOException {
        try (NDManager scope = manager.newSubManager()) {
            NDList arrays;
            try {
                arrays = NDList.decode(scope, npz);
            } catch (RuntimeException e) {
                throw new InvalidWeightsException("not a readable .npz file: " + e.getMessage(), e);
            }
            Map<String, Parameter> parameters = classifier.namedParameters();
            TreeSet<String> unexpected = new TreeSet<>();
            List<String> problems = new ArrayList<>();
            for (NDArray array : arrays) {
                String name = array.getName();
                Parameter parameter = parameters.get(name);
                if (parameter == null) {
                    unexpected.add(name);
                } else if (!parameter.getArray().getShape().equals(array.getShape())) {
                    problems.add(
                            name
                                    + " has shape "
                                    + array.getShape()
                                    + " but the architecture needs "
                                    + parameter.getArray().getShape());
                }
            }
            TreeSet<String> missing = new TreeSet<>(parameters.keySet());
            for (NDArray array : arrays) {
                missing.remove(array.getName());
            }
            if (!missing.isEmpty()) {
                problems.add("missing " + missing);
            }
            if (!unexpected.isEmpty()) {
                problems.add("unexpected " + unexpected);
            }
            if (!problems.isEmpty()) {
                throw new InvalidWeightsException(
                        "weights do not fit the architecture: " + String.join("; ", problems));
            }
            for (NDArray array : arrays) {
                NDArray target = parameters.get(array.getName()).getArray();
                array.toType(DataType.FLOAT32, false).copyTo(target);
            }
        }
    }

    public static void save(RecurrentClassifier classifier, OutputStream out) throws IOException {
        NDList arrays = new NDList();
        for (Map.Entry<String, Parameter> entry : classifier.namedParameters().entrySet()) {
            NDArray array = entry.getValue().getArray();
            array.setName(entry.getKey());
            arrays.add(array);
        }
        arrays.encode(out, NDList.Encoding.NPZ);
    }
}
