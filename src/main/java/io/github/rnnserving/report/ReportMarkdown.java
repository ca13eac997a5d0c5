package io.github.rnnserving.report;

import io.github.rnnserving.model.DatasetSection;
import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.TrainingSection;
import io.github.rnnserving.report.ModelReport.Confusion;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.ClassificationMetrics.ClassMetrics;
import io.github.rnnserving.training.EpochStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Markdown section of one model's report: its scores, training run, split, architecture and
 * settings, per-class table, chart links and largest confusions. A part model.json does not record
 * is left out or said to be missing, never guessed.
 */
final class ReportMarkdown {

    private ReportMarkdown() {}

    static String section(ModelReport report, String learningCurveLink, String confusionMatrixLink) {
        ModelManifest manifest = report.manifest();
        StringBuilder md = new StringBuilder();
        md.append("## ")
                .append(report.name())
                .append(" (version ")
                .append(report.version())
                .append(")\n\n");
        if (manifest.isGenerator()) {
            generatorScores(md, manifest.metrics());
        } else {
            scores(md, manifest.metrics(), report.computed());
        }
        bestEpoch(md, report, manifest.training(), manifest.metrics());
        timing(md, report.history(), manifest.training());
        split(md, manifest.dataset());
        md.append("- Architecture: ")
                .append(ArchitectureLine.of(
                        manifest.input(), manifest.architecture(), report.labels(), manifest.isGenerator()))
                .append('\n');
        Map<String, Object> settings = manifest.training().settings();
        if (settings != null && !settings.isEmpty()) {
            md.append("- Training settings: ")
                    .append(ReportText.mapLine(settings))
                    .append('\n');
        }
        md.append('\n');
        perClassTable(md, report.perClass());
        images(md, report.name(), learningCurveLink, confusionMatrixLink, manifest.isGenerator());
        if (report.confusionMatrix() != null) {
            confusions(md, report.topConfusions(3));
        }
        return md.toString();
    }

    private static void scores(StringBuilder md, EvaluationSection metrics, ClassificationMetrics computed) {
        Double accuracy = metrics.testAccuracy();
        Double macroF1 = metrics.macroF1();
        Long testSize = metrics.testSize();
        if (computed != null) {
            accuracy = accuracy != null ? accuracy : computed.accuracy();
            macroF1 = macroF1 != null ? macroF1 : computed.macroF1();
            testSize = testSize != null ? testSize : computed.total();
        }
        if (accuracy != null || macroF1 != null) {
            md.append("- Test accuracy **")
                    .append(ReportText.score(accuracy))
                    .append("**, macro-F1 **")
                    .append(ReportText.score(macroF1))
                    .append("**");
            if (testSize != null) {
                md.append(" on ").append(testSize.longValue()).append(" test examples");
            }
            md.append('\n');
        } else {
            md.append("- No test metrics in model.json.\n");
        }
    }

    /** A generator's test and validation bits per character (lower is better) and perplexity. */
    private static void generatorScores(StringBuilder md, EvaluationSection metrics) {
        if (metrics.testBitsPerCharacter() == null) {
            md.append("- No test metrics in model.json.\n");
            return;
        }
        md.append(String.format(
                Locale.ROOT,
                "- Test **%.4f** bits per character (perplexity %.3f)",
                metrics.testBitsPerCharacter(),
                metrics.testPerplexity()));
        if (metrics.validationBitsPerCharacter() != null) {
            md.append(String.format(
                    Locale.ROOT, ", validation %.4f bits per character", metrics.validationBitsPerCharacter()));
        }
        if (metrics.testSize() != null) {
            md.append(" on ").append(metrics.testSize().longValue()).append(" test texts");
        }
        md.append('\n');
    }

    private static void bestEpoch(
            StringBuilder md, ModelReport report, TrainingSection training, EvaluationSection metrics) {
        List<EpochStats> history = report.history();
        int best = report.bestEpoch();
        Double bestValidation = training.bestValidationAccuracy();
        if (bestValidation == null) {
            bestValidation = history.stream()
                    .filter(e -> e.epoch() == best)
                    .map(EpochStats::validationAccuracy)
                    .findFirst()
                    .orElse(metrics.validationAccuracy());
        }
        if (best > 0) {
            md.append("- Best epoch ").append(best);
            if (!history.isEmpty()) {
                md.append(" of ").append(history.get(history.size() - 1).epoch());
            }
            Double bestBits = history.stream()
                    .filter(e -> e.epoch() == best)
                    .findFirst()
                    .map(EpochStats::validationBitsPerCharacter)
                    .orElse(null);
            if (bestBits != null) {
                md.append(String.format(Locale.ROOT, " (validation %.4f bits per character)", bestBits));
            } else if (bestValidation != null) {
                md.append(" (validation accuracy ")
                        .append(ReportText.score(bestValidation))
                        .append(')');
            }
            if (Boolean.TRUE.equals(training.stoppedEarly())) {
                md.append(", stopped early");
            }
            md.append('\n');
        }
    }

    private static void timing(StringBuilder md, List<EpochStats> history, TrainingSection training) {
        Double seconds = training.seconds();
        Double samplesPerSecond = training.samplesPerSecond();
        if (samplesPerSecond == null && !history.isEmpty()) {
            samplesPerSecond = history.stream()
                    .mapToDouble(EpochStats::samplesPerSecond)
                    .average()
                    .orElse(0);
        }
        if (seconds != null || samplesPerSecond != null) {
            StringJoiner time = new StringJoiner(", ", "- Training ", "\n");
            if (seconds != null) {
                time.add(String.format(Locale.ROOT, "took %.1f s", seconds));
            }
            if (samplesPerSecond != null) {
                time.add(String.format(Locale.ROOT, "%.0f samples/s (mean over epochs)", samplesPerSecond));
            }
            if (training.intraOpThreads() != null) {
                time.add("intra-op threads " + training.intraOpThreads());
            }
            md.append(time);
        }
    }

    private static void split(StringBuilder md, DatasetSection dataset) {
        DatasetSection.SplitSizes sizes = dataset.sizes();
        if (sizes != null) {
            StringJoiner line = new StringJoiner(" / ", "- Split: ", "\n");
            add(line, sizes.train(), "train");
            add(line, sizes.validation(), "validation");
            add(line, sizes.test(), "test");
            md.append(line);
        }
    }

    private static void add(StringJoiner line, Long count, String part) {
        if (count != null) {
            line.add(count + " " + part);
        }
    }

    private static void perClassTable(StringBuilder md, List<ClassMetrics> perClass) {
        if (perClass.isEmpty()) {
            return;
        }
        md.append("| class | precision | recall | F1 | support |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (ClassMetrics row : perClass) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.4f | %.4f | %.4f | %d |%n",
                    ReportText.cell(row.label()),
                    row.precision(),
                    row.recall(),
                    row.f1(),
                    row.support()));
        }
        md.append('\n');
    }

    private static void images(
            StringBuilder md, String name, String learningCurveLink, String confusionMatrixLink, boolean generator) {
        if (learningCurveLink != null) {
            md.append("![")
                    .append(name)
                    .append(" learning curve](")
                    .append(learningCurveLink)
                    .append(")\n\n");
        } else {
            md.append("_No training history in model.json (an imported model?): no learning curve._\n\n");
        }
        if (confusionMatrixLink != null) {
            md.append("![")
                    .append(name)
                    .append(" confusion matrix](")
                    .append(confusionMatrixLink)
                    .append(")\n\n");
        } else if (!generator) {
            md.append("_No confusion matrix in model.json: no confusion-matrix image._\n\n");
        }
    }

    private static void confusions(StringBuilder md, List<Confusion> top) {
        if (top.isEmpty()) {
            md.append("No confusions on the test split.\n");
            return;
        }
        md.append("Most frequent confusions (actual → predicted):\n\n");
        for (Confusion confusion : top) {
            md.append("- ")
                    .append(confusion.actual())
                    .append(" → ")
                    .append(confusion.predicted())
                    .append(": ")
                    .append(confusion.count())
                    .append('\n');
        }
    }
}
