package io.github.rnnserving.cli;

import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.report.ModelCharts;
import io.github.rnnserving.report.ModelReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        sortOptions = false,
        abbreviateSynopsis = true,
        mixinStandardHelpOptions = true,
        description = "Draw a model bundle's learning curve and test confusion matrix as PNG files and print"
                + " a Markdown section about it (scores, best epoch, training time, split, architecture,"
                + " settings, per-class table, the images, the most frequent confusions). Reads only"
                + " model.json; nothing is re-evaluated.")
final class ReportCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "A bundle folder, e.g. models/mnist/1.")
    Path model;

    @Option(
            names = "--out",
            defaultValue = "docs/models",
            paramLabel = "DIR",
            description = "Where the PNG files go, created if missing (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(
            names = "--markdown-dir",
            paramLabel = "DIR",
            description = "The folder of the Markdown file the section goes into; image links are relative to it"
                    + " (default: the parent of --out, e.g. docs for docs/models).")
    Path markdownDir;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    ReportCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ModelReport report = ModelReport.of(new ModelBundles().readManifest(model));
        ModelCharts.Written written = ModelCharts.write(report, outDir);
        Path absoluteOut = outDir.toAbsolutePath().normalize();
        Path base = markdownDir != null
                ? markdownDir.toAbsolutePath().normalize()
                : absoluteOut.getParent() != null ? absoluteOut.getParent() : absoluteOut;
        out.print(report.toMarkdown(link(base, written.learningCurve()), link(base, written.confusionMatrix())));
        out.flush();
        for (Path file : new Path[] {written.learningCurve(), written.confusionMatrix()}) {
            if (file != null) {
                spec.commandLine().getErr().println("wrote " + file);
            }
        }
        return 0;
    }

    /** The file relative to the Markdown folder, with forward slashes whatever the platform. */
    private static String link(Path base, Path file) {
        if (file == null) {
            return null;
        }
        Path relative = base.relativize(file.toAbsolutePath().normalize());
        StringBuilder link = new StringBuilder();
        for (Path part : relative) {
            link.append(link.length() == 0 ? "" : "/").append(part);
        }
        return link.toString();
    }
}
