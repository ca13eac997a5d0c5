package io.github.rnnserving.support;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.training.OptimizerKind;
import java.util.List;

/**
 * Every spelling of a training option's word that the command line and the job API must both
 * accept, with what it means: one table, so the two tests over it cannot drift apart.
 *
 * @param cli the option on the command line ({@code --tokens})
 * @param json the field of a job's {@code architecture} or {@code training} ({@code tokens})
 */
public record OptionSpellings(String cli, String section, String json, String word, Object expected) {

    public static List<OptionSpellings> all() {
        return List.of(
                new OptionSpellings("--cell", "architecture", "cell", "rnn", CellType.RNN),
                new OptionSpellings("--cell", "architecture", "cell", "lstm", CellType.LSTM),
                new OptionSpellings("--cell", "architecture", "cell", "GRU", CellType.GRU),
                new OptionSpellings("--summary", "architecture", "summary", "last", Summary.LAST),
                new OptionSpellings("--summary", "architecture", "summary", "mean", Summary.MEAN),
                new OptionSpellings("--summary", "architecture", "summary", "Max", Summary.MAX),
                new OptionSpellings("--tokens", "architecture", "tokens", "characters", TokenizerKind.CHARACTERS),
                new OptionSpellings("--tokens", "architecture", "tokens", "chars", TokenizerKind.CHARACTERS),
                new OptionSpellings("--tokens", "architecture", "tokens", "char", TokenizerKind.CHARACTERS),
                new OptionSpellings("--tokens", "architecture", "tokens", "CHARACTERS", TokenizerKind.CHARACTERS),
                new OptionSpellings("--tokens", "architecture", "tokens", "words", TokenizerKind.WORDS),
                new OptionSpellings("--tokens", "architecture", "tokens", "word", TokenizerKind.WORDS),
                new OptionSpellings("--normalization", "architecture", "normalization", "NFKC", Normalization.NFKC),
                new OptionSpellings("--normalization", "architecture", "normalization", "nfc", Normalization.NFC),
                new OptionSpellings("--normalization", "architecture", "normalization", "NFD", Normalization.NFD),
                new OptionSpellings("--normalization", "architecture", "normalization", "nfkd", Normalization.NFKD),
                new OptionSpellings("--normalization", "architecture", "normalization", "none", Normalization.NONE),
                new OptionSpellings("--optimizer", "training", "optimizer", "adam", OptimizerKind.ADAM),
                new OptionSpellings("--optimizer", "training", "optimizer", "SGD", OptimizerKind.SGD));
    }

    /** Words neither accepts. */
    public static List<OptionSpellings> rejected() {
        return List.of(
                new OptionSpellings("--cell", "architecture", "cell", "lstmx", null),
                // the tutorial's cell and letters are only imported, never trained
                new OptionSpellings("--cell", "architecture", "cell", "tutorial-rnn", null),
                new OptionSpellings("--tokens", "architecture", "tokens", "tutorial-letters", null),
                new OptionSpellings("--summary", "architecture", "summary", "median", null),
                new OptionSpellings("--tokens", "architecture", "tokens", "bytes", null),
                new OptionSpellings("--normalization", "architecture", "normalization", "nfx", null),
                new OptionSpellings("--optimizer", "training", "optimizer", "rmsprop", null));
    }

    @Override
    public String toString() {
        return cli + " " + word;
    }
}
