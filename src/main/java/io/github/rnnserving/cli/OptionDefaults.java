package io.github.rnnserving.cli;

import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.Summary;
import io.github.rnnserving.model.text.Normalization;
import io.github.rnnserving.model.text.TokenizerKind;
import io.github.rnnserving.training.ModelTask;
import io.github.rnnserving.training.OptimizerKind;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Shows an option enum's default (taken from the field's initial value, itself from
 * {@code ModelOptions}/{@code TrainingSettings}) in the spelling the option accepts, {@code gru}
 * rather than the constant's name {@code GRU}; every other option keeps picocli's own handling.
 */
final class OptionDefaults implements IDefaultValueProvider {

    @Override
    public String defaultValue(ArgSpec argument) {
        Object initial = argument.initialValue();
        if (initial instanceof CellType cell) {
            return cell.id();
        }
        if (initial instanceof Summary summary) {
            return summary.id();
        }
        if (initial instanceof OptimizerKind optimizer) {
            return optimizer.id();
        }
        if (initial instanceof TokenizerKind tokens) {
            return tokens.id();
        }
        if (initial instanceof ModelTask task) {
            return task.id();
        }
        if (initial instanceof Normalization normalization) {
            return normalization.id();
        }
        return null;
    }
}
