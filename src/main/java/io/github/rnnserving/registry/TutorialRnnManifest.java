package io.github.rnnserving.registry;

import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InvalidWeightsException;
import io.github.rnnserving.model.NpyHeader;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.TutorialLetters;
import io.github.rnnserving.web.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Completes the {@code model.json} of a model imported from PyTorch's character-RNN tutorial
 * ({@code "architecture": {"cell": "tutorial-rnn"}}) with what its weights and labels say: the hidden
 * size is the rows of {@code i2h.weight (H, 57 + H)}, the classes are the labels, which must be as
 * many as the rows of {@code i2o.weight (C, 57 + H)}; what the tutorial fixes (text, one layer, one
 * direction, no dropout, the answer after the last letter, 57 one-hot letters) is filled in where
 * absent, and {@link io.github.rnnserving.model.Architecture} refuses any other value given, naming
 * its field. Only the two headers are read, from the
 * upload on disk; the arrays are checked and loaded afterwards as any import's are. Every other
 * manifest passes through unchanged, and so does one that is not JSON, for {@link ManifestJson} to
 * refuse in its own words.
 */
final class TutorialRnnManifest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HIDDEN = "i2h.weight";
    private static final String OUTPUT = "i2o.weight";

    private TutorialRnnManifest() {}

    static byte[] complete(byte[] manifestJson, Path npz) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(manifestJson);
        } catch (JacksonException e) {
            return manifestJson;
        }
        if (!(root instanceof ObjectNode manifest)
                || !(manifest.get("architecture") instanceof ObjectNode architecture)
                || !architecture.path("cell").isString()
                || !CellType.TUTORIAL_RNN
                        .id()
                        .equalsIgnoreCase(architecture.path("cell").asString())) {
            return manifestJson;
        }
        Shape hidden = shape(npz, HIDDEN);
        long hiddenSize = hidden.dimension() == 2 ? hidden.get(0) : 0;
        if (hiddenSize < 1 || hidden.get(1) != TutorialLetters.COUNT + hiddenSize) {
            throw new InvalidInputException(
                    "weights",
                    HIDDEN + " has shape " + hidden + "; the tutorial-rnn cell needs (hidden, " + TutorialLetters.COUNT
                            + " + hidden)");
        }
        JsonNode given = architecture.get("hiddenSize");
        if (given != null && !given.isNull() && given.asLong() != hiddenSize) {
            throw new InvalidInputException(
                    "manifest.architecture.hiddenSize",
                    "manifest.architecture.hiddenSize is " + given + " but the weights' " + HIDDEN + " " + hidden
                            + " has " + hiddenSize + " hidden units (leave it out: it is read from the weights)");
        }
        architecture.put("hiddenSize", hiddenSize);
        // the rest is the tutorial's own (Architecture refuses any other value a manifest gives)
        putIfAbsent(architecture, "inputKind", JSON.getNodeFactory().stringNode(InputKind.TEXT.id()));
        putIfAbsent(architecture, "layers", JSON.getNodeFactory().numberNode(1));
        putIfAbsent(architecture, "bidirectional", JSON.getNodeFactory().booleanNode(false));
        putIfAbsent(architecture, "dropout", JSON.getNodeFactory().numberNode(0));
        putIfAbsent(architecture, "summary", JSON.getNodeFactory().stringNode(Summary.LAST.id()));
        putIfAbsent(architecture, "inputSize", JSON.getNodeFactory().numberNode(TutorialLetters.COUNT));
        putIfAbsent(
                architecture, "vocabularySize", JSON.getNodeFactory().numberNode(TutorialLetters.VOCABULARY.size()));
        if (manifest.get("labels") instanceof ArrayNode labels) {
            Shape output = shape(npz, OUTPUT);
            if (output.dimension() == 2 && output.get(0) != labels.size()) {
                throw new InvalidInputException(
                        "manifest.labels",
                        "manifest.labels names " + labels.size() + " classes but the weights' " + OUTPUT + " " + output
                                + " answers " + output.get(0));
            }
            putIfAbsent(architecture, "classes", JSON.getNodeFactory().numberNode(labels.size()));
        }
        return JSON.writeValueAsBytes(manifest);
    }

    private static void putIfAbsent(ObjectNode node, String field, JsonNode value) {
        if (node.get(field) == null || node.get(field).isNull()) {
            node.set(field, value);
        }
    }

    /** The shape in an array's {@code .npy} header, its data left unread (and uninflated). */
    private static Shape shape(Path npz, String name) throws IOException {
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                throw new InvalidInputException(
                        "weights",
                        "the weights hold no " + name + ": a tutorial-rnn model is the tutorial's RNN saved with"
                                + " np.savez(path, **rnn.state_dict()) (i2h.weight, i2h.bias, i2o.weight, i2o.bias)");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return NpyHeader.read(name, in).shape();
            }
        } catch (ZipException e) {
            throw new InvalidInputException("weights", "the weights are not a readable .npz (zip) file");
        } catch (InvalidWeightsException e) {
            throw new InvalidInputException("weights", e.getMessage());
        }
    }
}
