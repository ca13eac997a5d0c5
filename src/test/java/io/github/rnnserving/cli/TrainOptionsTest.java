package io.github.rnnserving.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rnnserving.support.OptionSpellings;
import io.github.rnnserving.training.ModelOptions;
import io.github.rnnserving.training.TrainingSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code train}'s options without training: the spellings shared with the job API, the defaults
 * shared with {@code ModelOptions} and {@code TrainingSettings}, and the reproduce commands of
 * docs/MODELS.md still parsing.
 */
class TrainOptionsTest {

    static Stream<OptionSpellings> spellings() {
        return OptionSpellings.all().stream();
    }

    static Stream<OptionSpellings> rejected() {
        return OptionSpellings.rejected().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void acceptsTheSpellingsTheJobApiAccepts(OptionSpellings spelling) {
        TrainCommand train = parse("--name", "x", "--dataset", "names", spelling.cli(), spelling.word());

        Object parsed = switch (spelling.json()) {
            case "cell" -> train.cell;
            case "summary" -> train.summary;
            case "tokens" -> train.tokens;
            case "normalization" -> train.normalization;
            case "optimizer" -> train.optimizer;
            default -> throw new AssertionError(spelling.json());
        };
        assertThat(parsed).isEqualTo(spelling.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsTheWordsTheJobApiRejects(OptionSpellings spelling) {
        assertThatThrownBy(() -> parse("--name", "x", spelling.cli(), spelling.word()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining(spelling.word());
    }

    @Test
    void startsFromTheDefaultsOfTheSettingsRecords() {
        TrainCommand train = parse("--name", "x", "--dataset", "names");
        ModelOptions model = ModelOptions.defaults();
        TrainingSettings settings = TrainingSettings.defaults();

        assertThat(List.<Object>of(train.cell, train.layers, train.hiddenSize, train.bidirectional, train.summary))
                .containsExactly(
                        model.cell(), model.layers(), model.hiddenSize(), model.bidirectional(), model.summary());
        assertThat(List.<Object>of(train.dropout, train.inputDropout, train.outputDropout))
                .containsExactly(model.dropout(), model.inputDropout(), model.outputDropout());
        assertThat(List.<Object>of(train.embeddingSize, train.tokens, train.normalization, train.minFrequency))
                .containsExactly(model.embeddingSize(), model.tokens(), model.normalization(), model.minFrequency());
        assertThat(List.<Object>of(train.maxVocabulary, train.maxLength))
                .containsExactly(model.maxVocabulary(), model.maxLength());
        assertThat(train.lowerCase).isEqualTo(model.lowerCase());
        assertThat(List.<Object>of(train.epochs, train.batchSize, train.optimizer, train.truncation, train.patience))
                .containsExactly(
                        settings.epochs(),
                        settings.batchSize(),
                        settings.optimizer(),
                        settings.truncation(),
                        settings.patience());
        assertThat(List.<Object>of(
                        train.learningRate,
                        train.momentum,
                        train.weightDecay,
                        train.learningRateDecay,
                        train.clipNorm,
                        train.classWeightPower))
                .containsExactly(
                        settings.learningRate(),
                        settings.momentum(),
                        settings.weightDecay(),
                        settings.learningRateDecay(),
                        settings.clipNorm(),
                        settings.classWeightPower());
        assertThat(train.seed).isEqualTo(settings.seed());
    }

    @Test
    void optionsCarryTheJobApisNamesBesideTheirOldOnes() {
        TrainCommand byApiName =
                parse("--name", "x", "--learning-rate-decay", "0.5", "--format", "csv", "--path", "a.csv");
        TrainCommand byOldName = parse("--name", "x", "--lr-decay", "0.5", "--format", "csv", "--data", "a.csv");

        assertThat(byApiName.learningRateDecay)
                .isEqualTo(byOldName.learningRateDecay)
                .isEqualTo(0.5f);
        assertThat(byApiName.dataset.path).isEqualTo(byOldName.dataset.path).isEqualTo("a.csv");
    }

    @Test
    void helpShowsEnumDefaultsAsTheyAreTyped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RnnCommand.run(
                new String[] {"train", "--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");

        assertThat(code).isZero();
        assertThat(help)
                .contains("(default gru)")
                .contains("(default last)")
                .contains("(default characters)")
                .contains("(default NFKC)")
                .contains("(default adam)")
                .contains("--learning-rate=<learningRate> Default 0.002.");
    }

    @Test
    void everyReproduceCommandInModelsMdStillParses() throws IOException {
        List<String[]> commands = reproduceCommands(Path.of("docs/MODELS.md"));

        assertThat(commands).hasSizeGreaterThanOrEqualTo(5);
        for (String[] arguments : commands) {
            TrainCommand train = parse(arguments);
            assertThat(train.name).as(String.join(" ", arguments)).isNotBlank();
        }
    }

    /** The arguments after {@code train} of each {@code java … train …} command, continuation lines joined. */
    private static List<String[]> reproduceCommands(Path markdown) throws IOException {
        List<String[]> commands = new ArrayList<>();
        StringBuilder command = null;
        for (String line : Files.readAllLines(markdown)) {
            if (command == null && line.startsWith("java ") && line.contains(" train ")) {
                command = new StringBuilder();
                line = line.substring(line.indexOf(" train ") + " train ".length());
            }
            if (command == null) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            command.append(' ').append(continues ? line.substring(0, line.length() - 1) : line);
            if (!continues) {
                commands.add(
                        Arrays.stream(command.toString().trim().split("\\s+")).toArray(String[]::new));
                command = null;
            }
        }
        return commands;
    }

    private static TrainCommand parse(String... arguments) {
        TrainCommand train =
                new TrainCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CommandLine commandLine = new CommandLine(train);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.parseArgs(arguments);
        return train;
    }
}
