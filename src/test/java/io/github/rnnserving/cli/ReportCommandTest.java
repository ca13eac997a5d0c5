package io.github.rnnserving.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.support.ReportManifests;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} on bundles read from disk, as a user runs it to fill docs/MODELS.md. */
class ReportCommandTest {

    @TempDir
    Path temp;

    @Test
    void writesTheChartsAndPrintsTheMarkdownSection() throws IOException {
        Path bundle = ReportManifests.writeBundle(temp.resolve("models"), ReportManifests.trained());
        Path out = temp.resolve("docs/models");

        Run report = run("report", "--model", bundle.toString(), "--out", out.toString());

        assertThat(report.exitCode()).as(report.err()).isEqualTo(0);
        BufferedImage curve =
                ImageIO.read(out.resolve("tiny-learning-curve.png").toFile());
        assertThat(curve.getWidth()).isEqualTo(900);
        assertThat(curve.getHeight()).isEqualTo(500);
        BufferedImage matrix =
                ImageIO.read(out.resolve("tiny-confusion-matrix.png").toFile());
        assertThat(matrix.getWidth()).isEqualTo(900);
        assertThat(matrix.getHeight()).isEqualTo(800);

        String md = report.out();
        assertThat(md.startsWith("## tiny (version 1)\n")).as(md).isTrue();
        assertThat(md.contains("Test accuracy **0.8103**")).as(md).isTrue();
        assertThat(md.contains("- Best epoch 3 of 4 (validation accuracy 0.7500)"))
                .as(md)
                .isTrue();
        // dog: 40 of 49 predicted dogs are dogs, 40 of 50 dogs found
        assertThat(md.contains("| dog | 0.8163 | 0.8000 | 0.8081 | 50 |\n"))
                .as(md)
                .isTrue();
        // links relative to docs/, where MODELS.md lives
        assertThat(md.contains("![tiny learning curve](models/tiny-learning-curve.png)"))
                .as(md)
                .isTrue();
        assertThat(md.contains("![tiny confusion matrix](models/tiny-confusion-matrix.png)"))
                .as(md)
                .isTrue();
        assertThat(md.contains("- dog → cat: 9\n- cat → dog: 7\n- cat → owl: 3\n"))
                .as(md)
                .isTrue();
        // stdout is only the Markdown; what was written goes to stderr
        assertThat(md.contains("wrote ")).as(md).isFalse();
        assertThat(report.err().contains("tiny-confusion-matrix.png"))
                .as(report.err())
                .isTrue();
    }

    @Test
    void importedModelWithoutHistoryIsReportedWithoutACurve() throws IOException {
        Path bundle = ReportManifests.writeBundle(temp.resolve("models"), ReportManifests.imported());

        Run report = run(
                "report",
                "--model",
                bundle.toString(),
                "--out",
                temp.resolve("charts").toString(),
                "--markdown-dir",
                temp.toString());

        assertThat(report.exitCode()).as(report.err()).isEqualTo(0);
        assertThat(Files.exists(temp.resolve("charts/imported-learning-curve.png")))
                .isFalse();
        assertThat(Files.isRegularFile(temp.resolve("charts/imported-confusion-matrix.png")))
                .isTrue();
        assertThat(report.out().contains("no learning curve")).as(report.out()).isTrue();
        assertThat(report.out().contains("![imported confusion matrix](charts/imported-confusion-matrix.png)"))
                .as(report.out())
                .isTrue();
    }

    @Test
    void aFolderWithoutModelJsonIsAClearError() {
        Run report = run(
                "report",
                "--model",
                temp.toString(),
                "--out",
                temp.resolve("out").toString());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.err().contains("no model.json")).as(report.err()).isTrue();
        assertThat(Files.exists(temp.resolve("out"))).isFalse();
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RnnCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
