package io.github.rnnserving.inference;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.classify.ClassifyRequest;
import io.github.rnnserving.model.ImageRowsInputSpec;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A protocol request's one input tensor turned into {@code /classify}'s request: {@code text}
 * (BYTES, shape {@code [n]} or {@code [n, 1]}) into texts, {@code image} (UINT8, or FP32 holding
 * whole numbers 0-255, shape {@code [n, rows, columns]}) into images. Everything is checked here
 * in the protocol's terms before {@code /classify}'s own checks, which then only see good tensors.
 */
final class V2Inputs {

    static final String TEXT = "text";
    static final String IMAGE = "image";

    private final RnnProperties.Limits limits;

    V2Inputs(RnnProperties.Limits limits) {
        this.limits = limits;
    }

    ClassifyRequest toClassify(String model, InputSpec spec, V2Json.InferenceRequest request) {
        String expected = spec instanceof ImageRowsInputSpec ? IMAGE : TEXT;
        if (request.inputs() == null || request.inputs().size() != 1) {
            throw new InvalidInputException(
                    "inputs",
                    "inputs must hold exactly one tensor, named '" + expected + "' for model '" + model + "' (got "
                            + (request.inputs() == null ? 0 : request.inputs().size()) + ")");
        }
        V2Json.RequestInput input = request.inputs().get(0);
        String field = "inputs[0]";
        if (!expected.equals(input.name())) {
            throw new InvalidInputException(
                    field + ".name",
                    "model '" + model + "' reads one input named '" + expected + "', not '" + input.name() + "'");
        }
        if (input.datatype() == null || input.shape() == null) {
            throw new InvalidInputException(field, field + " needs name, shape, datatype and data");
        }
        if (spec instanceof ImageRowsInputSpec image) {
            return new ClassifyRequest(model, null, null, null, images(field, input, image), null, null, null, null);
        }
        return new ClassifyRequest(model, null, texts(field, input), null, null, null, null, null, null);
    }

    private List<String> texts(String field, V2Json.RequestInput input) {
        if (!"BYTES".equals(input.datatype())) {
            throw new InvalidInputException(
                    field + ".datatype", "input 'text' takes datatype BYTES (strings), not " + input.datatype());
        }
        List<Long> shape = input.shape();
        if (shape.isEmpty() || shape.size() > 2 || (shape.size() == 2 && shape.get(1) != 1)) {
            throw new InvalidInputException(
                    field + ".shape", "input 'text' has shape [n] or [n, 1] (n texts), not " + shape);
        }
        requireBatch(field, shape.get(0));
        List<String> texts = new ArrayList<>();
        for (JsonNode element : TensorData.elements(field, input.data(), shape)) {
            if (!element.isString()) {
                throw new InvalidInputException(
                        field + ".data", "input 'text' holds strings (BYTES); found " + element.getNodeType());
            }
            texts.add(element.asString());
        }
        return texts;
    }

    private List<int[][]> images(String field, V2Json.RequestInput input, ImageRowsInputSpec spec) {
        boolean bytes = "UINT8".equals(input.datatype());
        if (!bytes && !"FP32".equals(input.datatype())) {
            throw new InvalidInputException(
                    field + ".datatype",
                    "input 'image' takes datatype UINT8 or FP32 (pixel values 0-255), not " + input.datatype());
        }
        int rows = spec.rows();
        int columns = spec.columns();
        List<Long> shape = input.shape();
        if (shape.size() != 3 || shape.get(1) != rows || shape.get(2) != columns) {
            throw new InvalidInputException(
                    field + ".shape",
                    "input 'image' has shape [n, " + rows + ", " + columns + "] (n images of " + rows + " rows of "
                            + columns + " pixels), not " + shape);
        }
        requireBatch(field, shape.get(0));
        List<JsonNode> elements = TensorData.elements(field, input.data(), shape);
        List<int[][]> images = new ArrayList<>();
        int at = 0;
        for (int n = 0; n < shape.get(0); n++) {
            int[][] image = new int[rows][columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    image[r][c] = pixel(field, elements.get(at), at, bytes);
                    at++;
                }
            }
            images.add(image);
        }
        return images;
    }

    /**
     * FP32 pixels must be whole numbers: {@code /classify} reads integers 0-255, and rounding a
     * fraction here would answer for another image than the one sent.
     */
    private static int pixel(String field, JsonNode element, int index, boolean bytes) {
        String where = field + ".data";
        String at = "value " + index + " (row-major) of input 'image'";
        if (!element.isNumber()) {
            throw new InvalidInputException(where, at + " is not a number");
        }
        double value = element.asDouble();
        if (bytes && !element.isIntegralNumber()) {
            throw new InvalidInputException(where, at + " is " + element + "; UINT8 holds whole numbers 0-255");
        }
        if (!(value >= 0 && value <= 255)) {
            throw new InvalidInputException(where, at + " is " + element + "; pixels are 0 to 255");
        }
        if (value != Math.rint(value)) {
            throw new InvalidInputException(
                    where,
                    at + " is " + element + "; FP32 pixels must be whole numbers 0-255, as /classify reads them");
        }
        return (int) value;
    }

    private void requireBatch(String field, long n) {
        if (n < 1 || n > limits.maxBatchSize()) {
            throw new InvalidInputException(
                    field + ".shape",
                    "a request holds 1 to " + limits.maxBatchSize() + " inputs (rnn.limits.max-batch-size); shape asks "
                            + n);
        }
    }
}
