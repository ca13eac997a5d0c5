package io.github.rnnserving.support;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.LanguageModel;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.TextInputSpec;
import io.github.rnnserving.model.text.Tokenizer;
import io.github.rnnserving.model.text.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny untrained generators (character language models) written as real bundles: seeded random
 * weights, served like any trained one.
 */
public final class TinyGenerators {

    /** The 18 languages of the names dataset: the conditions of the default names-generator. */
    public static final List<String> LANGUAGES = List.of(
            "Arabic",
            "Chinese",
            "Czech",
            "Dutch",
            "English",
            "French",
            "German",
            "Greek",
            "Irish",
            "Italian",
            "Japanese",
            "Korean",
            "Polish",
            "Portuguese",
            "Russian",
            "Scottish",
            "Spanish",
            "Vietnamese");

    private TinyGenerators() {}

    /**
     * Writes the next version of generator {@code name}: {@code layers} of {@code cell} (hidden 16)
     * over {@code <pad>}, {@code <unk>}, {@code </s>} and the characters of {@code alphabet},
     * conditioned on {@code conditions} (none: unconditioned), weights drawn from {@code seed}.
     *
     * @return the bundle's folder
     */
    public static Path write(
            Path folder, String name, CellType cell, int layers, List<String> conditions, String alphabet, int seed) {
        List<String> tokens =
                new ArrayList<>(List.of(Vocabulary.PADDING_TOKEN, Vocabulary.UNKNOWN_TOKEN, Vocabulary.END_TOKEN));
        alphabet.codePoints().forEach(c -> tokens.add(Character.toString(c)));
        Architecture architecture = new Architecture(
                InputKind.TEXT,
                cell,
                layers,
                16,
                false,
                0f,
                0f,
                0f,
                Summary.LAST,
                8,
                tokens.size(),
                tokens.size(),
                conditions.size());
        TextInputSpec input = TextInputSpec.of(Tokenizer.characters(), Vocabulary.fromTokens(tokens), 64);
        ModelManifest manifest = new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                name,
                null,
                "2026-01-01T00:00:00Z",
                ModelManifest.FORMAT_NPZ,
                new ModelManifest.EngineInfo("PyTorch", "2.7.1", "0.36.0"),
                input,
                architecture,
                conditions,
                null,
                null,
                null,
                null,
                null,
                ModelManifest.TASK_GENERATE);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            LanguageModel network = new LanguageModel(architecture);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            return new ModelBundles().write(folder, manifest, network);
        }
    }
}
