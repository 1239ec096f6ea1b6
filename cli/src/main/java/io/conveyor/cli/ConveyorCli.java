package io.conveyor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.cli.api.Credentials;
import io.conveyor.cli.api.SchedulerApi;
import io.conveyor.cli.deadletters.DeadLettersCommand;
import io.conveyor.cli.pipelines.PipelinesCommand;
import io.conveyor.cli.runs.BackfillCommand;
import io.conveyor.cli.runs.RunsCommand;
import io.conveyor.cli.workers.WorkersCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code conveyor}: the command line of a running Conveyor, talking to the scheduler's REST API
 * (and, for {@code workers}, to Kafka). Every command answers {@code --help}; docs/cli.md has them
 * all, the exit codes ({@link ExitCodes}) and the environment variables.
 */
@Command(name = "conveyor", mixinStandardHelpOptions = true, versionProvider = ConveyorCli.Version.class,
        subcommands = {PipelinesCommand.class, RunsCommand.class, BackfillCommand.class, DeadLettersCommand.class,
                WorkersCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        description = {"Operates a running Conveyor: pipelines, runs, backfills, dead letters and workers.",
                "Talks to the scheduler at --url (env CONVEYOR_URL); see docs/cli.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok; a waited-for run SUCCEEDED or SUCCEEDED_WITH_REJECTS",
                "1:a waited-for or watched run ended FAILED or CANCELLED",
                "2:usage error or invalid input (also a 400/409/422 answer, e.g. no open dead letter to replay)",
                "3:the scheduler or Kafka unreachable, a 5xx answer, or --timeout passed",
                "4:no such pipeline, run or dead letter (404)",
                "5:refused: no or wrong credentials (401) or a role that may not do it (403)",
                "70:internal error (a bug: please report it with the stack trace)"})
public final class ConveyorCli implements Runnable {

    /** The local launcher picks a free port for the scheduler and prints it; compose and Kubernetes use 8080. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    public static final int INTERNAL_ERROR = 70;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:CONVEYOR_URL:-" + DEFAULT_URL + "}",
            description = "The scheduler's REST API (env CONVEYOR_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            defaultValue = "${env:CONVEYOR_OUTPUT:-table}",
            description = "table (for people) or json (for scripts; env CONVEYOR_OUTPUT; default ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the CLI's error handling; tests use it with their own writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new ConveyorCli()).setExecutionExceptionHandler(ConveyorCli::failed)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** A {@link CliFailure} is the command's outcome, told in one line; anything else is a bug and keeps its stack trace. */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof CliFailure failure) {
            err.println("conveyor: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
        err.println("conveyor: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: pipelines, runs, backfill, dead-letters, workers or completion");
    }

    /** The root command's options, from any subcommand's spec. */
    public static ConveyorCli of(CommandSpec spec) {
        return (ConveyorCli) spec.root().userObject();
    }

    public SchedulerApi scheduler() {
        return new SchedulerApi(url, Credentials.fromEnvironment(System.getenv()));
    }

    public boolean json() {
        return output == OutputFormat.json;
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Who asked, as the scheduler records it ({@code requestedBy}, {@code deployedBy}). */
    public static String requestedBy() {
        return "conveyor-cli:" + System.getProperty("user.name", "unknown");
    }

    /** Prints a value as indented JSON on stdout. */
    public void printJson(Object value) {
        try {
            out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The jar's version from its manifest (the Maven project version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ConveyorCli.class.getPackage().getImplementationVersion();
            return new String[] {"conveyor " + (version == null ? "(development build)" : version)};
        }
    }
}
