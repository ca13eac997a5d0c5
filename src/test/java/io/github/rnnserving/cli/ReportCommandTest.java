package io.github.rnnserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(0, report.exitCode(), report.err());
        BufferedImage curve =
                ImageIO.read(out.resolve("tiny-learning-curve.png").toFile());
        assertEquals(900, curve.getWidth());
        assertEquals(500, curve.getHeight());
        BufferedImage matrix =
                ImageIO.read(out.resolve("tiny-confusion-matrix.png").toFile());
        assertEquals(900, matrix.getWidth());
        assertEquals(800, matrix.getHeight());

        String md = report.out();
        assertTrue(md.startsWith("## tiny (version 1)\n"), md);
        assertTrue(md.contains("Test accuracy **0.8103**"), md);
        assertTrue(md.contains("- Best epoch 3 of 4 (validation accuracy 0.7500)"), md);
        // dog: 40 of 49 predicted dogs are dogs, 40 of 50 dogs found
        assertTrue(md.contains("| dog | 0.8163 | 0.8000 | 0.8081 | 50 |\n"), md);
        // links relative to docs/, where MODELS.md lives
        assertTrue(md.contains("![tiny learning curve](models/tiny-learning-curve.png)"), md);
        assertTrue(md.contains("![tiny confusion matrix](models/tiny-confusion-matrix.png)"), md);
        assertTrue(md.contains("- dog → cat: 9\n- cat → dog: 7\n- cat → owl: 3\n"), md);
        // stdout is only the Markdown; what was written goes to stderr
        assertFalse(md.contains("wrote "), md);
        assertTrue(report.err().contains("tiny-confusion-matrix.png"), report.err());
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

        assertEquals(0, report.exitCode(), report.err());
        assertFalse(Files.exists(temp.resolve("charts/imported-learning-curve.png")));
        assertTrue(Files.isRegularFile(temp.resolve("charts/imported-confusion-matrix.png")));
        assertTrue(report.out().contains("no learning curve"), report.out());
        assertTrue(
                report.out().contains("![imported confusion matrix](charts/imported-confusion-matrix.png)"),
                report.out());
    }

    @Test
    void aFolderWithoutModelJsonIsAClearError() {
        Run report = run(
                "report",
                "--model",
                temp.toString(),
                "--out",
                temp.resolve("out").toString());

        assertEquals(1, report.exitCode());
        assertTrue(report.err().contains("no model.json"), report.err());
        assertFalse(Files.exists(temp.resolve("out")));
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
