package io.github.rnnserving.cli;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.training.OptimizerKind;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Lower-case option values for the enums. */
final class Converters {

    private Converters() {}

    static final class Cell implements ITypeConverter<CellType> {
        @Override
        public CellType convert(String value) {
            return CellType.of(value);
        }
    }

    static final class SummaryKind implements ITypeConverter<Summary> {
        @Override
        public Summary convert(String value) {
            return Summary.of(value);
        }
    }

    static final class Optimizer implements ITypeConverter<OptimizerKind> {
        @Override
        public OptimizerKind convert(String value) {
            return OptimizerKind.of(value);
        }
    }

    static final class Tokens implements ITypeConverter<TokenizerKind> {
        @Override
        public TokenizerKind convert(String value) {
            String upper = value.toUpperCase(Locale.ROOT);
            return switch (upper) {
                case "CHARACTERS", "CHARS", "CHAR" -> TokenizerKind.CHARACTERS;
                case "WORDS", "WORD" -> TokenizerKind.WORDS;
                default -> throw new IllegalArgumentException("expected characters or words, got " + value);
            };
        }
    }
}
