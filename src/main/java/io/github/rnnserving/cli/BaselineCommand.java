package io.github.rnnserving.cli;

import io.github.rnnserving.data.DatasetLoader;
import io.github.rnnserving.data.LoadedDataset;
import io.github.rnnserving.training.BaselineReport;
import io.github.rnnserving.training.CharTrigramBaseline;
import io.github.rnnserving.training.KneserNeyDiscounts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "baseline",
        sortOptions = false,
        abbreviateSynopsis = true,
        mixinStandardHelpOptions = true,
        description = "The score a character generator must beat: a character trigram model with"
                + " interpolated Kneser-Ney smoothing, conditioned on the label, fitted on the training"
                + " split, tuned on validation, in bits per character (characters plus one end per text)"
                + " on validation and test. The data is split as train splits it.")
final class BaselineCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions dataset = new DatasetOptions();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path json;

    private final PrintStream out;

    BaselineCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        LoadedDataset loaded = DatasetLoader.load(dataset.toSpec());
        BaselineReport report = CharTrigramBaseline.fit(loaded).report();
        print(report);
        if (json != null) {
            write(report);
        }
        return 0;
    }

    private void print(BaselineReport report) {
        out.printf(
                Locale.ROOT,
                "%s: %d symbols (characters, end, unknown), %d conditions%n",
                report.dataset(),
                report.vocabularySize(),
                report.conditions().size());
        counts("train", report.train());
        counts("validation", report.validation());
        counts("test", report.test());
        out.printf(
                Locale.ROOT,
                "%n%-26s %16s %16s %10s %10s%n",
                "model",
                "validation bpc",
                "test bpc",
                "val ppl",
                "test ppl");
        for (BaselineReport.Score s : report.scores()) {
            out.printf(
                    Locale.ROOT,
                    "%-26s %16.4f %16.4f %10.3f %10.3f%n",
                    s.model(),
                    s.validationBits(),
                    s.testBits(),
                    s.validationPerplexity(),
                    s.testPerplexity());
        }
        out.printf(Locale.ROOT, "%ndiscounts (unigram, bigram, trigram), tuned on validation:%n");
        discounts("all languages", report.unconditionedDiscounts());
        discounts("per language", report.languageDiscounts());
        out.printf(Locale.ROOT, "per-language weight lambda %.2f%n", report.languageWeight());
    }

    private void counts(String split, BaselineReport.SplitCounts counts) {
        out.printf(
                Locale.ROOT,
                "%-10s %6d texts, %7d counted symbols, %d unknown characters%s%n",
                split,
                counts.names(),
                counts.symbols(),
                counts.unknown(),
                counts.empty() > 0 ? ", " + counts.empty() + " empty texts left out" : "");
    }

    private void discounts(String model, KneserNeyDiscounts d) {
        out.printf(Locale.ROOT, "  %-14s %.2f %.2f %.2f%n", model, d.unigram(), d.bigram(), d.trigram());
    }

    private void write(BaselineReport report) {
        JsonMapper mapper =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        try {
            Files.writeString(json, mapper.writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + json + ": " + e.getMessage(), e);
        }
        out.println("report written to " + json);
    }
}
