package io.github.rnnserving.cli;

import io.github.rnnserving.data.DatasetException;
import io.github.rnnserving.model.InvalidBundleException;
import io.github.rnnserving.training.TrainingFailedException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code train}, {@code evaluate}, {@code report}, {@code baseline}; without a sub-command the jar serves. */
@Command(
        name = "rnn-serving",
        mixinStandardHelpOptions = true,
        version = "rnn-serving 0.1.0",
        description = "Recurrent sequence classifiers on DJL/PyTorch. Without a command, starts the web"
                + " service (java -jar target/rnn-serving.jar [--server.port=8080]).")
public final class RnnCommand {

    private static final Set<String> COMMANDS =
            Set.of("train", "evaluate", "report", "baseline", "help", "--help", "-h", "--version", "-V");

    private RnnCommand() {}

    /** Whether these arguments are for the command line rather than the web service. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new RnnCommand());
        commandLine.addSubcommand("train", new TrainCommand(out));
        commandLine.addSubcommand("evaluate", new EvaluateCommand(out));
        commandLine.addSubcommand("report", new ReportCommand(out));
        commandLine.addSubcommand("baseline", new BaselineCommand(out));
        commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof IllegalArgumentException
                    || exception instanceof DatasetException
                    || exception instanceof InvalidBundleException
                    || exception instanceof TrainingFailedException
                    || exception instanceof UncheckedIOException) {
                err.println();
                err.println("error: " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }
}
