package io.github.rnnserving.model;

import static io.github.rnnserving.model.StateDictNames.EMBEDDING;
import static io.github.rnnserving.model.StateDictNames.HEAD_WEIGHT;
import static io.github.rnnserving.model.StateDictNames.RECURRENT;
import static io.github.rnnserving.model.StateDictNames.RNN;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The archive's arrays under the classifier's names.
 *
 * @param parameterOf each array's name in the archive and the parameter it is
 * @param shapes each parameter's shape, by parameter name
 */
public record StateDict(Map<String, String> parameterOf, Map<String, Shape> shapes) {

    public StateDict {
        parameterOf = Map.copyOf(parameterOf);
        shapes = Map.copyOf(shapes);
    }

    /** Hidden units per direction: {@code weight_hh_l0}'s columns. */
    public int hiddenSize() {
        return dimension(RNN + "weight_hh_l0", 1);
    }

    /** Rows of {@code weight_ih_l0}: hidden units times the cell's gates. */
    public int gateRows() {
        return dimension(RNN + "weight_ih_l0", 0);
    }

    /** Features per step of the first layer: {@code weight_ih_l0}'s columns. */
    public int inputSize() {
        return dimension(RNN + "weight_ih_l0", 1);
    }

    /** Layers: one past the highest {@code _l<k>} among the recurrent parameters. */
    public int layers() {
        int layers = 0;
        for (String parameter : shapes.keySet()) {
            Matcher matcher = RECURRENT.matcher(parameter);
            if (parameter.startsWith(RNN) && matcher.matches()) {
                layers = Math.max(layers, Integer.parseInt(matcher.group(3)) + 1);
            }
        }
        return layers;
    }

    public boolean bidirectional() {
        return shapes.containsKey(RNN + "weight_ih_l0_reverse");
    }

    /** The embedding's rows, or 0 without one (image rows). */
    public int vocabularySize() {
        return shapes.containsKey(EMBEDDING) ? dimension(EMBEDDING, 0) : 0;
    }

    /** The head's rows; 0 if the archive has no head weight (then reported missing on loading). */
    public int classes() {
        return shapes.containsKey(HEAD_WEIGHT) ? dimension(HEAD_WEIGHT, 0) : 0;
    }

    /** Where a dimension was read, for messages: "rnn.weight_hh_l0 (lstm.weight_hh_l0) is (64, 16)". */
    public String evidence(String parameter) {
        String file = parameterOf.entrySet().stream()
                .filter(e -> e.getValue().equals(parameter))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(parameter);
        return file + " is " + shapes.get(parameter);
    }

    private int dimension(String parameter, int axis) {
        Shape shape = shapes.get(parameter);
        long size = shape.dimension() > axis ? shape.get(axis) : 0;
        return (int) Math.min(size, Integer.MAX_VALUE);
    }
}
