package io.github.rnnserving.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.support.ReportManifests;
import io.github.rnnserving.training.ClassificationMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ModelReportTest {

    @Test
    void markdownHasTheScoresTheTableTheImagesAndTheTopConfusions() {
        String md = ModelReport.of(ReportManifests.trained())
                .toMarkdown("models/tiny-learning-curve.png", "models/tiny-confusion-matrix.png");
        ClassificationMetrics metrics = ReportManifests.metrics();

        assertThat(md.startsWith("## tiny (version 1)\n")).as(md).isTrue();
        // 94 of 116 right
        assertThat(md.contains("Test accuracy **0.8103**, macro-F1 **"
                        + String.format(Locale.ROOT, "%.4f", metrics.macroF1()) + "** on 116 test examples"))
                .as(md)
                .isTrue();
        assertThat(md.contains("- Best epoch 3 of 4 (validation accuracy 0.7500)"))
                .as(md)
                .isTrue();
        assertThat(md.contains("- Training took 5.5 s, 965 samples/s")).as(md).isTrue();
        assertThat(md.contains("- Split: 800 train / 100 validation / 116 test"))
                .as(md)
                .isTrue();
        assertThat(md.contains("image rows 28×28 → 1-layer GRU, 8 hidden units, summary last → 3 classes"))
                .as(md)
                .isTrue();
        assertThat(md.contains("- Training settings: epochs 10, batch size 64, optimizer adam, learning rate 0.002,"))
                .as(md)
                .isTrue();
        assertThat(md.contains("| class | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n"))
                .as(md)
                .isTrue();
        // cat: 50 of 59 predicted cats are cats, 50 of 60 cats found
        assertThat(md.contains("| cat | 0.8475 | 0.8333 | 0.8403 | 60 |\n"))
                .as(md)
                .isTrue();
        assertThat(md.contains("| owl | 0.5000 | 0.6667 | 0.5714 | 6 |\n"))
                .as(md)
                .isTrue();
        assertThat(md.contains("![tiny learning curve](models/tiny-learning-curve.png)"))
                .as(md)
                .isTrue();
        assertThat(md.contains("![tiny confusion matrix](models/tiny-confusion-matrix.png)"))
                .as(md)
                .isTrue();
        assertThat(md.endsWith("- dog → cat: 9\n- cat → dog: 7\n- cat → owl: 3\n"))
                .as(md)
                .isTrue();
    }

    @Test
    void topConfusionsAreTheLargestOffDiagonalCellsTiesInMatrixOrder() {
        ModelReport report = ModelReport.of(ReportManifests.trained());
        assertThat(report.topConfusions(10))
                .isEqualTo(List.of(
                        new ModelReport.Confusion("dog", "cat", 9),
                        new ModelReport.Confusion("cat", "dog", 7),
                        new ModelReport.Confusion("cat", "owl", 3),
                        new ModelReport.Confusion("owl", "dog", 2),
                        new ModelReport.Confusion("dog", "owl", 1)));

        ModelManifest ties = withMetrics(Map.of("confusionMatrix", new long[][] {{5, 2, 0}, {2, 5, 2}, {0, 0, 3}}));
        assertThat(ModelReport.of(ties).topConfusions(3))
                .isEqualTo(List.of(
                        new ModelReport.Confusion("cat", "dog", 2),
                        new ModelReport.Confusion("dog", "cat", 2),
                        new ModelReport.Confusion("dog", "owl", 2)));
        // per-class scores are worked out from the matrix when model.json has none
        assertThat(ModelReport.of(ties).perClass().size()).isEqualTo(3);
        assertThat(ModelReport.of(ties).perClass().get(0).precision()).isCloseTo(5.0 / 7, within(1e-12));
    }

    @Test
    void importedModelWithoutHistorySaysSoInsteadOfLinkingACurve() {
        ModelReport report = ModelReport.of(ReportManifests.imported());
        String md = report.toMarkdown(null, "models/imported-confusion-matrix.png");

        assertThat(report.history().isEmpty()).isTrue();
        assertThat(md.contains("no learning curve")).as(md).isTrue();
        assertThat(md.contains("learning-curve.png")).as(md).isFalse();
        assertThat(md.contains("Best epoch")).as(md).isFalse();
        // model.json has the accuracy; macro-F1 and the size come from the matrix
        assertThat(md.contains("Test accuracy **0.8103**, macro-F1 **"
                        + String.format(
                                Locale.ROOT, "%.4f", ReportManifests.metrics().macroF1()) + "** on 116 test examples"))
                .as(md)
                .isTrue();
        assertThat(md.contains("| dog | ")).as(md).isTrue();
        assertThat(md.contains("- dog → cat: 9\n")).as(md).isTrue();
    }

    @Test
    void aMatrixOfTheWrongShapeIsAClearError() {
        ModelManifest wrong = withMetrics(Map.of("confusionMatrix", List.of(List.of(1, 2), List.of(3, 4))));
        IllegalArgumentException error = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> ModelReport.of(wrong))
                .actual();
        assertThat(error.getMessage().contains("not 3 x 3"))
                .as(error.getMessage())
                .isTrue();
    }

    /** The imported manifest with these metrics, read as model.json's metrics section is. */
    private static ModelManifest withMetrics(Map<String, Object> metrics) {
        ModelManifest m = ReportManifests.imported();
        EvaluationSection section = JsonMapper.builder().build().convertValue(metrics, EvaluationSection.class);
        return new ModelManifest(
                m.formatVersion(),
                m.name(),
                m.version(),
                m.createdAt(),
                m.format(),
                m.engine(),
                m.input(),
                m.architecture(),
                m.labels(),
                m.weights(),
                m.training(),
                m.dataset(),
                section);
    }
}
