package io.github.rnnserving.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(train.exitCode()).as(train.err()).isEqualTo(0);
        assertThat(train.out().contains("epoch 2: train loss")).as(train.out()).isTrue();
        assertThat(Files.isRegularFile(models.resolve("names-cli/1/model.json")))
                .isTrue();
        String trained = accuracy(train.out(), "test accuracy ");

        Run evaluate = run("evaluate", "--model", models.resolve("names-cli/1").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isEqualTo(0);
        assertThat(evaluate.out().contains("fingerprint matches"))
                .as(evaluate.out())
                .isTrue();
        assertThat(accuracy(evaluate.out(), "accuracy ")).isEqualTo(trained);
        assertThat(evaluate.out().contains("confusion matrix"))
                .as(evaluate.out())
                .isTrue();
    }

    @Test
    void trainAGeneratorThenEvaluateReproducesItsTestBitsPerCharacter() {
        Run train = run(
                "train",
                "--task",
                "generate",
                "--dataset",
                "names",
                "--data-dir",
                SharedFiles.data().toString(),
                "--limit",
                "800",
                "--name",
                "names-generator-cli",
                "--models-dir",
                models.toString(),
                "--epochs",
                "1",
                "--hidden-size",
                "16",
                "--embedding-size",
                "8",
                "--learning-rate",
                "0.01");
        assertThat(train.exitCode()).as(train.err()).isEqualTo(0);
        assertThat(train.out()).contains("epoch 1: train loss", "bpc, perplexity");
        String trained = bits(train.out(), "test ");

        Run evaluate = run(
                "evaluate", "--model", models.resolve("names-generator-cli/1").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isEqualTo(0);
        assertThat(evaluate.out()).contains("fingerprint matches", "perplexity");
        assertThat(bits(evaluate.out(), "")).isEqualTo(trained);
    }

    @Test
    void aBidirectionalGeneratorIsRefusedNamingTheOption() {
        Run refused = run(
                "train",
                "--task",
                "generate",
                "--bidirectional",
                "--dataset",
                "names",
                "--name",
                "x",
                "--models-dir",
                models.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("--bidirectional", "cannot be bidirectional");
    }

    @Test
    void badOptionsAndMissingFilesGiveClearErrors() {
        Run layers =
                run("train", "--dataset", "names", "--name", "x", "--layers", "9", "--models-dir", models.toString());
        assertThat(layers.exitCode()).isEqualTo(1);
        assertThat(layers.err().contains("layers must be 1 to 4"))
                .as(layers.err())
                .isTrue();

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
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().contains("nowhere")).as(missing.err()).isTrue();

        Run noModel = run("evaluate", "--model", models.toString());
        assertThat(noModel.exitCode()).isEqualTo(1);
        assertThat(noModel.err().contains("no model.json")).as(noModel.err()).isTrue();

        Run unknown = run("train", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
    }

    @Test
    void helpExplainsTheOptions() {
        Run help = run("train", "--help");
        assertThat(help.exitCode()).isEqualTo(0);
        for (String option :
                new String[] {"--truncation", "--clip-norm", "--bidirectional", "--patience", "--optimizer"}) {
            assertThat(help.out().contains(option)).as(option).isTrue();
        }
    }

    private static String accuracy(String output, String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "([0-9.]+)").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher.group(1);
    }

    private static String bits(String output, String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "([0-9.]+) bits per character")
                .matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
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
