package io.github.rnnserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rnnserving.support.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} then {@code evaluate}, as a user runs them, on a subset of the names data. */
class CommandLineTest {

    @TempDir
    Path models;

    @Test
    void trainThenEvaluateReproducesTheTestAccuracy() {
        Run train = run(
                "train",
                "--dataset",
                "names",
                "--data-dir",
                SharedFiles.data().toString(),
                "--limit",
                "2000",
                "--name",
                "names-cli",
                "--models-dir",
                models.toString(),
                "--epochs",
                "2",
                "--hidden-size",
                "32",
                "--embedding-size",
                "16",
                "--cell",
                "lstm",
                "--bidirectional",
                "--batch-size",
                "32",
                "--learning-rate",
                "0.01");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("epoch 2: train loss"), train.out());
        assertTrue(Files.isRegularFile(models.resolve("names-cli/1/model.json")));
        String trained = accuracy(train.out(), "test accuracy ");

        Run evaluate = run("evaluate", "--model", models.resolve("names-cli/1").toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().contains("fingerprint matches"), evaluate.out());
        assertEquals(trained, accuracy(evaluate.out(), "accuracy "));
        assertTrue(evaluate.out().contains("confusion matrix"), evaluate.out());
    }

    @Test
    void badOptionsAndMissingFilesGiveClearErrors() {
        Run layers =
                run("train", "--dataset", "names", "--name", "x", "--layers", "9", "--models-dir", models.toString());
        assertEquals(1, layers.exitCode());
        assertTrue(layers.err().contains("layers must be 1 to 4"), layers.err());

        Run missing = run(
                "train",
                "--format",
                "folder",
                "--data",
                models.resolve("nowhere").toString(),
                "--name",
                "x",
                "--models-dir",
                models.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nowhere"), missing.err());

        Run noModel = run("evaluate", "--model", models.toString());
        assertEquals(1, noModel.exitCode());
        assertTrue(noModel.err().contains("no model.json"), noModel.err());

        Run unknown = run("train", "--bogus");
        assertEquals(2, unknown.exitCode());
    }

    @Test
    void helpExplainsTheOptions() {
        Run help = run("train", "--help");
        assertEquals(0, help.exitCode());
        for (String option :
                new String[] {"--truncation", "--clip-norm", "--bidirectional", "--patience", "--optimizer"}) {
            assertTrue(help.out().contains(option), option);
        }
    }

    private static String accuracy(String output, String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "([0-9.]+)").matcher(output);
        assertTrue(matcher.find(), output);
        return matcher.group(1);
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
