package io.github.rnnserving.report;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.ClassificationMetrics.ClassMetrics;
import io.github.rnnserving.training.EpochStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code model.json} says about how a model was trained and how it scored, read from the
 * manifest's open {@code training}, {@code dataset} and {@code metrics} maps (as {@code
 * TrainingPipeline} writes them), with a Markdown section for the model documentation. Every part
 * is optional: an imported model may record no history, no split and no test metrics, and the
 * report then says so instead of failing. A part that is present but malformed is an error.
 */
public final class ModelReport {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** One off-diagonal cell of the confusion matrix: {@code count} test examples of {@code actual} taken for {@code predicted}. */
    public record Confusion(String actual, String predicted, long count) {}

    private final ModelManifest manifest;
    private final List<EpochStats> history;
    private final long[][] confusionMatrix;
    private final List<ClassMetrics> perClass;
    /** Scores worked out from the matrix, for those model.json does not record; null without a matrix. */
    private final ClassificationMetrics computed;

    private ModelReport(ModelManifest manifest) {
        this.manifest = manifest;
        this.history = List.copyOf(convert(
                manifest.training().get("history"),
                "training.history",
                new TypeReference<List<EpochStats>>() {},
                List.of()));
        this.confusionMatrix = convert(
                manifest.metrics().get("confusionMatrix"),
                "metrics.confusionMatrix",
                new TypeReference<long[][]>() {},
                null);
        int classes = manifest.labels().size();
        if (confusionMatrix != null) {
            boolean square = confusionMatrix.length == classes;
            for (long[] row : confusionMatrix) {
                square &= row.length == classes;
            }
            if (!square) {
                throw new IllegalArgumentException("model.json metrics.confusionMatrix is not " + classes + " x "
                        + classes + " (one row and column per label)");
            }
        }
        List<ClassMetrics> recorded = convert(
                manifest.metrics().get("perClass"),
                "metrics.perClass",
                new TypeReference<List<ClassMetrics>>() {},
                null);
        this.computed = confusionMatrix == null
                ? null
                : ClassificationMetrics.fromConfusionMatrix(manifest.labels(), confusionMatrix);
        if (recorded == null && computed != null) {
            recorded = computed.perClass();
        }
        this.perClass = recorded == null ? List.of() : List.copyOf(recorded);
    }

    public static ModelReport of(ModelManifest manifest) {
        return new ModelReport(manifest);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public String name() {
        return manifest.name();
    }

    public String version() {
        return manifest.version();
    }

    public List<String> labels() {
        return manifest.labels();
    }

    /** Per-epoch statistics, first epoch first; empty when model.json records none. */
    public List<EpochStats> history() {
        return history;
    }

    /** The epoch whose weights were kept, or 0 when unknown. */
    public int bestEpoch() {
        Object recorded = manifest.training().get("bestEpoch");
        if (recorded instanceof Number number) {
            return number.intValue();
        }
        return history.stream()
                .max(Comparator.comparingDouble(EpochStats::validationAccuracy))
                .map(EpochStats::epoch)
                .orElse(0);
    }

    /** The test confusion matrix (rows = actual, columns = predicted), or null when not recorded. */
    public long[][] confusionMatrix() {
        if (confusionMatrix == null) {
            return null;
        }
        long[][] copy = new long[confusionMatrix.length][];
        for (int row = 0; row < copy.length; row++) {
            copy[row] = confusionMatrix[row].clone();
        }
        return copy;
    }

    /** Per-class test scores in label order; empty when not recorded. */
    public List<ClassMetrics> perClass() {
        return perClass;
    }

    /** The {@code limit} largest off-diagonal counts, largest first; ties in matrix order. */
    public List<Confusion> topConfusions(int limit) {
        if (confusionMatrix == null) {
            return List.of();
        }
        List<Confusion> confusions = new ArrayList<>();
        for (int actual = 0; actual < confusionMatrix.length; actual++) {
            for (int predicted = 0; predicted < confusionMatrix.length; predicted++) {
                if (actual != predicted && confusionMatrix[actual][predicted] > 0) {
                    confusions.add(new Confusion(
                            labels().get(actual), labels().get(predicted), confusionMatrix[actual][predicted]));
                }
            }
        }
        // a stable sort keeps row-major order among equal counts
        confusions.sort(Comparator.comparingLong(Confusion::count).reversed());
        return List.copyOf(confusions.subList(0, Math.min(limit, confusions.size())));
    }

    /**
     * A Markdown section for this model. The links are written as given (relative to the Markdown
     * file); a null link means that image was not drawn, and the section says why.
     */
    public String toMarkdown(String learningCurveLink, String confusionMatrixLink) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(name()).append(" (version ").append(version()).append(")\n\n");

        Double accuracy = number(manifest.metrics(), "testAccuracy");
        Double macroF1 = number(manifest.metrics(), "macroF1");
        Double testSize = number(manifest.metrics(), "testSize");
        if (computed != null) {
            accuracy = accuracy != null ? accuracy : computed.accuracy();
            macroF1 = macroF1 != null ? macroF1 : computed.macroF1();
            testSize = testSize != null ? testSize : computed.total();
        }
        if (accuracy != null || macroF1 != null) {
            md.append("- Test accuracy **")
                    .append(score(accuracy))
                    .append("**, macro-F1 **")
                    .append(score(macroF1))
                    .append("**");
            if (testSize != null) {
                md.append(" on ").append(testSize.longValue()).append(" test examples");
            }
            md.append('\n');
        } else {
            md.append("- No test metrics in model.json.\n");
        }

        int best = bestEpoch();
        Double bestValidation = number(manifest.training(), "bestValidationAccuracy");
        if (bestValidation == null) {
            bestValidation = history.stream()
                    .filter(e -> e.epoch() == best)
                    .map(EpochStats::validationAccuracy)
                    .findFirst()
                    .orElse(number(manifest.metrics(), "validationAccuracy"));
        }
        if (best > 0) {
            md.append("- Best epoch ").append(best);
            if (!history.isEmpty()) {
                md.append(" of ").append(history.get(history.size() - 1).epoch());
            }
            if (bestValidation != null) {
                md.append(" (validation accuracy ")
                        .append(score(bestValidation))
                        .append(')');
            }
            if (Boolean.TRUE.equals(manifest.training().get("stoppedEarly"))) {
                md.append(", stopped early");
            }
            md.append('\n');
        }

        Double seconds = number(manifest.training(), "seconds");
        Double samplesPerSecond = number(manifest.training(), "samplesPerSecond");
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
            Object threads = manifest.training().get("intraOpThreads");
            if (threads != null) {
                time.add("intra-op threads " + threads);
            }
            md.append(time);
        }

        Map<String, Object> split = convert(
                manifest.dataset().containsKey("sizes")
                        ? manifest.dataset().get("sizes")
                        : manifest.dataset().get("splitSizes"),
                "dataset.sizes",
                new TypeReference<LinkedHashMap<String, Object>>() {},
                null);
        if (split != null) {
            StringJoiner line = new StringJoiner(" / ", "- Split: ", "\n");
            for (String part : List.of("train", "validation", "test")) {
                if (split.get(part) instanceof Number count) {
                    line.add(count.longValue() + " " + part);
                }
            }
            md.append(line);
        }

        md.append("- Architecture: ").append(architectureLine()).append('\n');
        Map<String, Object> settings = convert(
                manifest.training().get("settings"),
                "training.settings",
                new TypeReference<LinkedHashMap<String, Object>>() {},
                null);
        if (settings != null && !settings.isEmpty()) {
            md.append("- Training settings: ").append(mapLine(settings)).append('\n');
        }
        md.append('\n');

        if (!perClass.isEmpty()) {
            md.append("| class | precision | recall | F1 | support |\n");
            md.append("|---|---:|---:|---:|---:|\n");
            for (ClassMetrics row : perClass) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.4f | %.4f | %.4f | %d |%n",
                        cell(row.label()),
                        row.precision(),
                        row.recall(),
                        row.f1(),
                        row.support()));
            }
            md.append('\n');
        }

        if (learningCurveLink != null) {
            md.append("![")
                    .append(name())
                    .append(" learning curve](")
                    .append(learningCurveLink)
                    .append(")\n\n");
        } else {
            md.append("_No training history in model.json (an imported model?): no learning curve._\n\n");
        }
        if (confusionMatrixLink != null) {
            md.append("![")
                    .append(name())
                    .append(" confusion matrix](")
                    .append(confusionMatrixLink)
                    .append(")\n\n");
        } else {
            md.append("_No confusion matrix in model.json: no confusion-matrix image._\n\n");
        }

        if (confusionMatrix != null) {
            List<Confusion> top = topConfusions(3);
            if (top.isEmpty()) {
                md.append("No confusions on the test split.\n");
            } else {
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
        return md.toString();
    }

    private String architectureLine() {
        Architecture architecture = manifest.architecture();
        InputSpec input = manifest.input();
        StringBuilder line = new StringBuilder();
        if (input.kind() == InputKind.TEXT) {
            line.append(String.format(
                    Locale.ROOT,
                    "text (%s, %s, vocabulary %d, up to %d tokens)",
                    input.tokens().name().toLowerCase(Locale.ROOT),
                    input.normalization(),
                    input.vocabularySize(),
                    input.maxLength()));
        } else {
            line.append(String.format(Locale.ROOT, "image rows %d×%d", input.rows(), input.columns()));
        }
        if (architecture == null) {
            return line.append(" → TorchScript module → ")
                    .append(labels().size())
                    .append(" classes")
                    .toString();
        }
        line.append(" → ");
        if (architecture.inputKind() == InputKind.TEXT) {
            line.append("embedding ").append(architecture.inputSize()).append(" → ");
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
            line.append(", dropout ").append(plain(architecture.dropout()));
        }
        if (architecture.inputDropout() > 0) {
            line.append(", input dropout ").append(plain(architecture.inputDropout()));
        }
        if (architecture.outputDropout() > 0) {
            line.append(", output dropout ").append(plain(architecture.outputDropout()));
        }
        line.append(", summary ")
                .append(architecture.summary().id())
                .append(" → ")
                .append(architecture.classes())
                .append(" classes");
        return line.toString();
    }

    private static String mapLine(Map<?, ?> map) {
        StringJoiner line = new StringJoiner(", ");
        map.forEach((key, value) ->
                line.add(words(String.valueOf(key)) + " " + (value instanceof Number n ? plain(n) : value)));
        return line.toString();
    }

    /** {@code learningRateDecay} → {@code learning rate decay}. */
    private static String words(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** A number without float noise: 0.002f prints 0.002, 5.0 prints 5. */
    private static String plain(Number number) {
        if (number instanceof Float f) {
            return new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
        }
        if (number instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return number.toString();
    }

    private static String score(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A label as a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    private static Double number(Map<String, Object> section, String key) {
        return section.get(key) instanceof Number number ? number.doubleValue() : null;
    }

    private static <T> T convert(Object value, String field, TypeReference<T> type, T absent) {
        if (value == null) {
            return absent;
        }
        try {
            return JSON.convertValue(value, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException("model.json " + field + " is malformed: " + e.getMessage(), e);
        }
    }
}
