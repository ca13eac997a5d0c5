package io.github.rnnserving.registry;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.StateDict;
import io.github.rnnserving.web.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes an import's declared architecture: from the weights' shapes for {@code .npz} (the
 * declared fields must then agree with them), or from the input and labels alone for a TorchScript
 * module, whose architecture is only shown. A field that disagrees is a 400 naming it and both
 * values.
 */
final class ArchitectureInference {

    private static final String FIELD = "manifest.architecture.";
    /** The records' own messages start with the property at fault: "layers must be 1". */
    private static final Pattern PROPERTY_FIRST = Pattern.compile("^([a-z][A-Za-z]*) (?:must|is required|is )");
    /** The cells PyTorch's modules have, by their gate count: one each, so the weights name it. */
    private static final List<CellType> PYTORCH_CELLS = List.of(CellType.RNN, CellType.GRU, CellType.LSTM);

    private ArchitectureInference() {}

    static Architecture fromWeights(
            DeclaredArchitecture declared, StateDict weights, InputSpec input, List<String> labels) {
        int hidden = weights.hiddenSize();
        agree("hiddenSize", declared.hiddenSize(), hidden, fromWeights(weights.evidence("rnn.weight_hh_l0")));
        agree(
                "layers",
                declared.layers(),
                weights.layers(),
                fromWeights("the highest _l<k> is _l" + (weights.layers() - 1)));
        agree(
                "bidirectional",
                declared.bidirectional(),
                weights.bidirectional(),
                fromWeights(weights.bidirectional() ? "there are _reverse arrays" : "there is no _reverse array"));
        CellType cell = cell(declared.cell(), weights);
        agree(
                "inputSize",
                declared.inputSize(),
                weights.inputSize(),
                fromWeights(weights.evidence("rnn.weight_ih_l0")));
        agree(
                "vocabularySize",
                declared.vocabularySize(),
                weights.vocabularySize(),
                fromWeights(
                        weights.vocabularySize() == 0
                                ? "there is no embedding"
                                : weights.evidence("embedding.weight")));
        agree("classes", declared.classes(), weights.classes(), fromWeights(weights.evidence("fc.weight")));
        if (labels.size() != weights.classes()) {
            throw new InvalidInputException(
                    "manifest.labels",
                    "manifest.labels names " + labels.size() + " labels but the head has " + weights.classes()
                            + " rows (" + weights.evidence("fc.weight") + "): one label per row, in order");
        }
        try {
            return build(
                    declared,
                    input.kind(),
                    cell,
                    weights.layers(),
                    hidden,
                    weights.bidirectional(),
                    weights.inputSize(),
                    weights.vocabularySize(),
                    weights.classes());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "weights", "the weights make a network this service cannot run: " + e.getMessage());
        }
    }

    /** An architecture shown with a TorchScript module, or null when the manifest shows none. */
    static Architecture shown(DeclaredArchitecture declared, InputSpec input, List<String> labels) {
        if (declared == null) {
            return null;
        }
        agree(
                "vocabularySize",
                declared.vocabularySize(),
                input.vocabularySize(),
                "manifest.input.vocabulary holds %s tokens");
        agree("classes", declared.classes(), labels.size(), "manifest.labels names %s");
        Integer inputSize = input.kind().embedded() ? declared.inputSize() : (Integer) input.inputSize(0);
        agree("inputSize", declared.inputSize(), inputSize, "manifest.input.columns is %s");
        try {
            return shownAsDeclared(declared, input, labels, inputSize);
        } catch (IllegalArgumentException e) {
            // every value here is the manifest's own: name the field the message starts with
            Matcher property = PROPERTY_FIRST.matcher(String.valueOf(e.getMessage()));
            throw new InvalidInputException(
                    property.find() ? FIELD + property.group(1) : "manifest.architecture",
                    "manifest.architecture: " + e.getMessage());
        }
    }

    private static Architecture shownAsDeclared(
            DeclaredArchitecture declared, InputSpec input, List<String> labels, Integer inputSize) {
        return build(
                declared,
                input.kind(),
                required("cell", declared.cell()),
                required("layers", declared.layers()),
                required("hiddenSize", declared.hiddenSize()),
                required("bidirectional", declared.bidirectional()),
                required("inputSize", inputSize),
                input.vocabularySize(),
                labels.size());
    }

    private static Architecture build(
            DeclaredArchitecture declared,
            InputKind kind,
            CellType cell,
            int layers,
            int hidden,
            boolean bidirectional,
            int inputSize,
            int vocabularySize,
            int classes) {
        if (declared.inputKind() != null && declared.inputKind() != kind) {
            throw new InvalidInputException(
                    FIELD + "inputKind",
                    FIELD + "inputKind is " + declared.inputKind().id() + " but manifest.input.kind is " + kind.id());
        }
        return new Architecture(
                kind,
                cell,
                layers,
                hidden,
                bidirectional,
                declared.dropout() == null ? 0f : declared.dropout(),
                declared.inputDropout(),
                declared.outputDropout(),
                required("summary", declared.summary()),
                inputSize,
                vocabularySize,
                classes);
    }

    /** The cell the gate count makes; a declared cell must have that many gates. */
    private static CellType cell(CellType declared, StateDict weights) {
        int hidden = weights.hiddenSize();
        int rows = weights.gateRows();
        int gates = rows % hidden == 0 ? rows / hidden : -1;
        CellType found = PYTORCH_CELLS.stream()
                .filter(c -> c.gates() == gates)
                .findFirst()
                .orElse(null);
        if (found == null) {
            throw new InvalidInputException(
                    "weights",
                    weights.evidence("rnn.weight_ih_l0") + ": its rows should be 1, 3 or 4 times the hidden size "
                            + hidden + " (rnn, gru or lstm), as " + weights.evidence("rnn.weight_hh_l0"));
        }
        if (declared != null && declared.gates() != gates) {
            throw new InvalidInputException(
                    FIELD + "cell",
                    FIELD + "cell is " + declared.id() + " but the weights are a " + found.id() + " ("
                            + weights.evidence("rnn.weight_ih_l0") + ": " + gates + " gates of " + hidden + ")");
        }
        return declared != null ? declared : found;
    }

    /**
     * @param source where the value was found, with {@code %s} for it: "manifest.labels names %s"
     */
    private static void agree(String name, Object declared, Object found, String source) {
        if (declared != null && !Objects.equals(declared, found)) {
            throw new InvalidInputException(
                    FIELD + name, FIELD + name + " is " + declared + " but " + source.formatted(found));
        }
    }

    private static String fromWeights(String evidence) {
        return "the weights make it %s (" + evidence.replace("%", "%%") + "); leave it out to take it from the weights";
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new InvalidInputException(
                    FIELD + name,
                    FIELD + name + " is required"
                            + ("summary".equals(name)
                                    ? ": how the head reads the outputs cannot be read from the weights. "
                                            + ArchitectureInference.SUMMARIES
                                    : " with a TorchScript module's architecture (shown on the model card)"));
        }
        return value;
    }

    /** What each summary is in PyTorch's words, for a manifest that lacks one. */
    static final String SUMMARIES = "Use \"last\" for a head on the final hidden state (h_n[-1], or"
            + " cat(h_n[-2], h_n[-1]) when bidirectional), \"last-output\" for out[:, -1] (the output at the last"
            + " step), \"mean\" or \"max\" for the mean or maximum of out over the steps";
}
