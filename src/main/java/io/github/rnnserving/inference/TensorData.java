package io.github.rnnserving.inference;

import io.github.rnnserving.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A request input's {@code data} as the protocol allows it: one flat row-major array whose length
 * is the product of {@code shape}, or arrays nested exactly as {@code shape} says. Either way the
 * result is the elements in row-major order, not yet checked against the datatype.
 */
final class TensorData {

    private TensorData() {}

    static List<JsonNode> elements(String field, JsonNode data, List<Long> shape) {
        if (data == null || !data.isArray()) {
            throw new InvalidInputException(field + ".data", field + ".data must be an array");
        }
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        List<JsonNode> elements = new ArrayList<>((int) Math.min(count, 1 << 16));
        boolean nested = !data.isEmpty() && data.get(0).isArray();
        if (!nested) {
            for (JsonNode element : data) {
                if (element.isArray()) {
                    throw new InvalidInputException(
                            field + ".data", field + ".data mixes arrays and values at its top level");
                }
            }
            if (data.size() != count) {
                throw new InvalidInputException(
                        field + ".data",
                        field + ".data holds " + data.size() + " values; shape " + shape + " needs " + count);
            }
            data.forEach(elements::add);
            return elements;
        }
        collect(field + ".data", data, shape, 0, elements);
        return elements;
    }

    private static void collect(String path, JsonNode node, List<Long> shape, int depth, List<JsonNode> into) {
        if (depth == shape.size()) {
            if (node.isArray()) {
                throw new InvalidInputException(
                        path, path + " is an array, but shape " + shape + " has only " + shape.size() + " dimensions");
            }
            into.add(node);
            return;
        }
        if (!node.isArray() || node.size() != shape.get(depth)) {
            throw new InvalidInputException(
                    path,
                    path + (node.isArray() ? " holds " + node.size() + " items" : " is a single value") + "; shape "
                            + shape + " needs " + shape.get(depth) + " there");
        }
        for (int i = 0; i < node.size(); i++) {
            collect(path + "[" + i + "]", node.get(i), shape, depth + 1, into);
        }
    }
}
