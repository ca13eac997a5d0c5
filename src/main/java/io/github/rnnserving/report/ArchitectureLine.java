package io.github.rnnserving.report;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.InputSpec;
import java.util.List;

/** The report's one-line description of a network: input, layers, summary, classes. */
final class ArchitectureLine {

    private ArchitectureLine() {}

    static String of(InputSpec input, Architecture architecture, List<String> labels) {
        return of(input, architecture, labels, false);
    }

    /** @param generator a language model, whose head predicts the next token at every step */
    static String of(InputSpec input, Architecture architecture, List<String> labels, boolean generator) {
        StringBuilder line = new StringBuilder(input.description());
        if (architecture == null) {
            return line.append(" → TorchScript module → ")
                    .append(labels.size())
                    .append(" classes")
                    .toString();
        }
        line.append(" → ");
        if (architecture.cell() == CellType.TUTORIAL_RNN) {
            // no embedding and no fused cell: the tutorial's two Linears over (letter, state)
            return line.append("one-hot ")
                    .append(architecture.inputSize())
                    .append(" letters → PyTorch tutorial's character RNN (i2h, i2o), ")
                    .append(architecture.hiddenSize())
                    .append(" hidden units → ")
                    .append(architecture.classes())
                    .append(" classes")
                    .toString();
        }
        if (architecture.inputKind().embedded()) {
            line.append("embedding ").append(architecture.inputSize());
            if (architecture.conditionCount() > 0) {
                line.append(" + ").append(architecture.conditionCount()).append("-condition one-hot");
            }
            line.append(" → ");
        }
        line.append(architecture.layers())
                .append("-layer ")
                .append(architecture.bidirectional() ? "bidirectional " : "")
                .append(architecture.cell().name())
                .append(", ")
                .append(architecture.hiddenSize())
                .append(" hidden units")
                .append(architecture.bidirectional() ? " per direction" : "");
        if (architecture.dropout() > 0) {
            line.append(", dropout ").append(ReportText.plain(architecture.dropout()));
        }
        if (architecture.inputDropout() > 0) {
            line.append(", input dropout ").append(ReportText.plain(architecture.inputDropout()));
        }
        if (architecture.outputDropout() > 0) {
            line.append(", output dropout ").append(ReportText.plain(architecture.outputDropout()));
        }
        if (generator) {
            // a language model's head reads every step's output: there is no summary
            return line.append(" → next token over ")
                    .append(architecture.classes())
                    .toString();
        }
        line.append(", summary ")
                .append(architecture.summary().id())
                .append(" → ")
                .append(architecture.classes())
                .append(" classes");
        return line.toString();
    }
}
