package io.github.rnnserving.registry;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.Summary;

/**
 * The {@code architecture} of an import's {@code model.json} as the user wrote it: every field may
 * be absent, since most can be read elsewhere ({@code inputKind} from {@code input}, {@code classes}
 * from {@code labels}, the sizes from the weights' shapes) and an absent dropout is 0. What is given
 * must be in bounds here, before any weights are read, and must agree with the weights later
 * ({@link ArchitectureInference}).
 */
public record DeclaredArchitecture(
        InputKind inputKind,
        CellType cell,
        Integer layers,
        Integer hiddenSize,
        Boolean bidirectional,
        Float dropout,
        Float inputDropout,
        Float outputDropout,
        Summary summary,
        Integer inputSize,
        Integer vocabularySize,
        Integer classes) {

    /** Nothing declared: a manifest without {@code architecture}. */
    static final DeclaredArchitecture NONE =
            new DeclaredArchitecture(null, null, null, null, null, null, null, null, null, null, null, null);

    /** Messages start with the property, so {@code ManifestJson} can name the field. */
    public DeclaredArchitecture {
        require(
                layers == null || (layers >= 1 && layers <= Architecture.MAX_LAYERS),
                "layers must be 1 to " + Architecture.MAX_LAYERS + ", got " + layers);
        require(
                hiddenSize == null || (hiddenSize >= 1 && hiddenSize <= 4096),
                "hiddenSize must be 1 to 4096, got " + hiddenSize);
        require(
                inputSize == null || (inputSize >= 1 && inputSize <= ManifestChecks.MAX_INPUT_SIZE),
                "inputSize must be 1 to " + ManifestChecks.MAX_INPUT_SIZE + ", got " + inputSize);
        require(vocabularySize == null || vocabularySize >= 0, "vocabularySize must not be negative");
        require(classes == null || classes >= 2, "classes must be at least 2, got " + classes);
        requireRate(dropout, "dropout");
        requireRate(inputDropout, "inputDropout");
        requireRate(outputDropout, "outputDropout");
    }

    private static void requireRate(Float rate, String name) {
        require(rate == null || (rate >= 0 && rate < 1), name + " must be in [0, 1), got " + rate);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
