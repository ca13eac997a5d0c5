package io.github.rnnserving.cli;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.training.ModelTask;
import io.github.rnnserving.training.OptimizerKind;
import picocli.CommandLine.ITypeConverter;

/**
 * Option values through each enum's own {@code of}, the parser the job API uses too, so both
 * accept the same spellings.
 */
final class Converters {

    private Converters() {}

    static final class Cell implements ITypeConverter<CellType> {
        @Override
        public CellType convert(String value) {
            return CellType.trainable(value);
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
            return TokenizerKind.of(value);
        }
    }

    static final class Normalizations implements ITypeConverter<Normalization> {
        @Override
        public Normalization convert(String value) {
            return Normalization.of(value);
        }
    }

    static final class Task implements ITypeConverter<ModelTask> {
        @Override
        public ModelTask convert(String value) {
            return ModelTask.of(value);
        }
    }
}
