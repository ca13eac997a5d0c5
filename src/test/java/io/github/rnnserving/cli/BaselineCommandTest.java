package io.github.rnnserving.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.support.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code baseline} as a user runs it on the names data. */
class BaselineCommandTest {

    @TempDir
    Path folder;

    @Test
    void printsEachModelsBitsPerCharacterAndWritesTheReport() {
        Path json = folder.resolve("baseline.json");
        Run run = run(
                "baseline",
                "--dataset",
                "names",
                "--data-dir",
                SharedFiles.requireData().toString(),
                "--json",
                json.toString());
        System.out.print(run.out());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains("86 symbols (characters, end, unknown), 18 conditions")
                .contains("validation   2002 texts")
                .contains("uniform")
                .contains("kn-trigram-conditioned")
                .contains("per-language weight lambda");
        JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(report.get("scores")).hasSize(5);
        JsonNode conditioned = report.get("scores").get(4);
        assertThat(conditioned.get("model").asString()).isEqualTo("kn-trigram-conditioned");
        assertThat(conditioned.get("validationBits").asDouble())
                .isLessThan(report.get("scores").get(2).get("validationBits").asDouble());
        assertThat(conditioned.get("testPerplexity").asDouble())
                .isCloseTo(Math.pow(2, conditioned.get("testBits").asDouble()), within(1e-9));
        assertThat(report.get("unconditionedDiscounts").get("trigram").asDouble())
                .isBetween(0.05, 1.0);
    }

    @Test
    void anUnknownDatasetIsAClearError() {
        Run run = run("baseline", "--dataset", "nope");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unknown dataset 'nope'");
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
