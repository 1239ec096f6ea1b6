package io.conveyor.cli.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ConveyorCli;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.render.TextTable;
import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.pipeline.spec.load.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conveyor pipelines validate|deploy|list|show}. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        description = "Validates pipeline files, deploys them, lists, shows, pauses and unpauses the deployed pipelines.")
public final class PipelinesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: validate, deploy, list or show");
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Validates a pipeline file here, without a scheduler: every problem as file:line:column: path: message.",
                    "The scheduler checks more on deploy (schema compatibility, the kinds its services execute, allow-lists)."})
    int validate(@Parameters(paramLabel = "FILE", description = "The pipeline YAML file.") Path file) {
        ConveyorCli cli = ConveyorCli.of(spec);
        String text = read(file);
        try {
            PipelineSpec pipeline = PipelineLoader.parse(text, file.toString());
            if (cli.json()) {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.put("file", file.toString()).put("valid", true).put("name", pipeline.name());
                pipeline.schedule().ifPresent(schedule -> answer.put("schedule", schedule.expression()));
                answer.put("timezone", pipeline.timezone().getId());
                pipeline.topologicalOrder().forEach(task -> answer.withArray("tasks").add(task.id()));
                cli.printJson(answer);
            } else {
                PrintWriter out = cli.out();
                out.printf("%s: valid pipeline '%s', %d task(s): %s%n", file, pipeline.name(), pipeline.tasks().size(),
                        String.join(" -> ", pipeline.topologicalOrder().stream().map(TaskSpec::id).toList()));
                out.println("  schedule: " + pipeline.schedule().map(CronSchedule::expression)
                        .map(expression -> expression + " (" + pipeline.timezone().getId() + ")").orElse("none (triggered runs only)"));
                out.flush();
            }
            return ExitCodes.OK;
        } catch (PipelineValidationException e) {
            if (cli.json()) {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.put("file", file.toString()).put("valid", false);
                e.problems().stream().map(Problem::toString).forEach(problem -> answer.withArray("problems").add(problem));
                cli.printJson(answer);
            } else {
                PrintWriter err = cli.err();
                err.println("conveyor: " + file + " is not a valid pipeline:");
                e.problems().forEach(problem -> err.println("  " + problem));
                err.flush();
            }
            return ExitCodes.INVALID;
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Deploys a pipeline file; the scheduler makes a new version only when the definition changed.",
                    "A refused file exits 2 with the scheduler's problems (file:line:column) or schema conflicts."})
    int deploy(@Parameters(paramLabel = "FILE", description = "The pipeline YAML file.") Path file,
               @Option(names = "--deployed-by", paramLabel = "NAME", description = "Recorded with the version (default: conveyor-cli:<user>).")
               String deployedBy) {
        ConveyorCli cli = ConveyorCli.of(spec);
        String yaml = read(file);
        JsonNode answer = cli.scheduler().deploy(yaml, file.getFileName().toString(),
                deployedBy == null ? ConveyorCli.requestedBy() : deployedBy);
        if (cli.json()) {
            cli.printJson(answer);
        } else {
            boolean changed = answer.path("changed").asBoolean();
            cli.out().printf("%s pipeline '%s' version %d (fingerprint %s)%n", changed ? "Deployed" : "Unchanged:",
                    answer.path("name").asText(), answer.path("version").asInt(), abbreviate(answer.path("fingerprint").asText()));
            cli.out().flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "Lists the deployed pipelines with their version, schedule and next fire time.")
    int list() {
        ConveyorCli cli = ConveyorCli.of(spec);
        JsonNode pipelines = cli.scheduler().pipelines();
        if (cli.json()) {
            cli.printJson(pipelines);
            return ExitCodes.OK;
        }
        TextTable table = TextTable.of("NAME", ">VERSION", "STATE", "SCHEDULE", "TIMEZONE", "NEXT FIRE");
        for (JsonNode pipeline : pipelines) {
            table.row(pipeline.path("name").asText(), pipeline.path("version").asInt(),
                    pipeline.path("paused").asBoolean() ? "paused" : "active", text(pipeline, "schedule"),
                    pipeline.path("timezone").asText(), text(pipeline, "nextFireTime"));
        }
        print(cli, table, "No pipelines deployed.");
        return ExitCodes.OK;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses a pipeline: its schedule stops firing and new runs of it are refused until it is unpaused.")
    int pause(@Parameters(paramLabel = "NAME", description = "The pipeline's name.") String name) {
        return setPaused(name, true);
    }

    @Command(name = "unpause", mixinStandardHelpOptions = true,
            description = "Unpauses a pipeline; fire times missed while paused follow its catch-up policy.")
    int unpause(@Parameters(paramLabel = "NAME", description = "The pipeline's name.") String name) {
        return setPaused(name, false);
    }

    private int setPaused(String name, boolean paused) {
        ConveyorCli cli = ConveyorCli.of(spec);
        JsonNode answer = cli.scheduler().pause(name, paused);
        if (cli.json()) {
            cli.printJson(answer);
        } else {
            cli.out().println("Pipeline " + answer.path("name").asText() + " version " + answer.path("version").asInt()
                    + (answer.path("paused").asBoolean() ? " is paused." : " is active."));
            cli.out().flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a deployed pipeline: version, deployment, schedule, its next fire times and its tasks.")
    int show(@Parameters(paramLabel = "NAME", description = "The pipeline's name.") String name,
             @Option(names = "--next", paramLabel = "N", defaultValue = "5",
                     description = "How many next fire times to show, 0..1000 (default ${DEFAULT-VALUE}).") int next,
             @Option(names = "--definition", description = "Also print the deployed definition (canonical JSON).")
             boolean definition) {
        ConveyorCli cli = ConveyorCli.of(spec);
        if (next < 0 || next > 1000) {
            throw CliFailure.invalid("--next must be between 0 and 1000, was " + next);
        }
        JsonNode pipeline = cli.scheduler().pipeline(name, next);
        if (cli.json()) {
            cli.printJson(pipeline);
            return ExitCodes.OK;
        }
        PrintWriter out = cli.out();
        out.println("Pipeline:      " + pipeline.path("name").asText());
        out.println("Version:       " + pipeline.path("version").asInt() + " (fingerprint " + abbreviate(pipeline.path("fingerprint").asText()) + ")");
        out.println("Deployed:      " + pipeline.path("deployedAt").asText() + " by " + orDash(text(pipeline, "deployedBy"))
                + " from " + orDash(text(pipeline, "sourceFile")));
        if (text(pipeline, "description") != null) {
            out.println("Description:   " + text(pipeline, "description"));
        }
        out.println("Schedule:      " + (text(pipeline, "schedule") == null ? "none (triggered runs only)"
                : text(pipeline, "schedule") + " (" + pipeline.path("timezone").asText() + "), catch-up "
                + pipeline.path("catchup").asText() + " (at most " + pipeline.path("maxCatchupRuns").asInt() + ")"));
        out.println("State:         " + (pipeline.path("paused").asBoolean() ? "paused" : "active"));
        out.println("Max active:    " + pipeline.path("maxActiveRuns").asInt() + " run(s)");
        out.println("Tasks:         " + String.join(" -> ", texts(pipeline.path("tasks"))));
        if (text(pipeline, "schedule") != null) {
            out.println("Next fire times:");
            pipeline.path("nextFireTimes").forEach(time -> out.println("  " + time.asText()));
        }
        if (definition) {
            out.println("Definition:");
            out.println(pipeline.path("definition").asText());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliFailure.invalid("pipeline file " + file.toAbsolutePath() + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw CliFailure.invalid("cannot read pipeline file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static void print(ConveyorCli cli, TextTable table, String empty) {
        cli.out().print(table.isEmpty() ? empty + System.lineSeparator() : table.render());
        cli.out().flush();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }
}
