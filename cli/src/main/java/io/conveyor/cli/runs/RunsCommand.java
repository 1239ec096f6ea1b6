package io.conveyor.cli.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ConveyorCli;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.api.SchedulerApi;
import io.conveyor.cli.render.ProgressDisplay;
import io.conveyor.cli.render.RunSnapshot;
import io.conveyor.cli.render.TextTable;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conveyor runs trigger|list|show|watch|cancel}. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Starts runs, lists and shows them, follows one until it ends, cancels one.")
public final class RunsCommand implements Runnable {

    /** How long a run may be unknown (just triggered) or the tracker unavailable (restoring) while following it. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: trigger, list, show, watch or cancel");
    }

    /** The options of following a run, shared by {@code trigger --wait}, {@code watch} and {@code dead-letters replay --wait}. */
    public static final class FollowOptions {
        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "500ms", converter = DurationConverter.class,
                description = "How often to read the run while following it (default ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Give up following after this long (exit 3; the run goes on). Default: no limit.")
        Duration timeout;
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = {"Starts a manual run of a deployed pipeline and prints its run id.",
                    "With --wait, shows each task's progress until the run ends; the exit code is then the run's outcome."})
    int trigger(@Parameters(paramLabel = "PIPELINE", description = "The pipeline's name.") String pipeline,
                @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
                        description = "A run parameter (repeatable); it must be one the pipeline uses.") Map<String, String> parameters,
                @Option(names = "--idempotency-key", paramLabel = "KEY",
                        description = "Names the run: the same key with the same parameters answers the same run and starts nothing.")
                String idempotencyKey,
                @Option(names = "--priority", paramLabel = "N", description = "Queue priority of the run (higher first).") Integer priority,
                @Option(names = "--wait", description = "Follow the run until it ends, with live progress per task.") boolean wait,
                @Mixin FollowOptions follow) throws InterruptedException {
        ConveyorCli cli = ConveyorCli.of(spec);
        SchedulerApi scheduler = cli.scheduler();
        JsonNode started = scheduler.trigger(pipeline, parameters == null ? Map.of() : new LinkedHashMap<>(parameters),
                Optional.ofNullable(idempotencyKey), Optional.ofNullable(priority), ConveyorCli.requestedBy());
        String runId = started.path("runId").asText();
        if (!wait) {
            if (cli.json()) {
                cli.printJson(started);
            } else {
                cli.out().println("Started run " + runId);
                cli.out().flush();
            }
            return ExitCodes.OK;
        }
        if (!cli.json()) {
            cli.out().println("Started run " + runId);
        }
        return followToEnd(cli, scheduler, runId, follow);
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Follows a run until it ends, with live progress per task.",
                    "Exit code: 0 SUCCEEDED or SUCCEEDED_WITH_REJECTS, 1 FAILED or CANCELLED."})
    int watch(@Parameters(paramLabel = "RUN_ID", description = "The run id.") String runId,
              @Mixin FollowOptions follow) throws InterruptedException {
        ConveyorCli cli = ConveyorCli.of(spec);
        return followToEnd(cli, cli.scheduler(), runId, follow);
    }

    /**
     * Follows a run just started (or named) to its end with the progress display, prints its detail and
     * answers the exit code of its outcome; other commands that start a run ({@code dead-letters replay
     * --wait}) use it so that waiting looks and exits the same everywhere.
     */
    public static int followToEnd(ConveyorCli cli, SchedulerApi scheduler, String runId, FollowOptions follow)
            throws InterruptedException {
        // Scripts read JSON on stdout: the progress goes to stderr then.
        PrintWriter progress = cli.json() ? cli.err() : cli.out();
        boolean terminal = !cli.json() && System.console() != null;
        RunFollower follower = new RunFollower(id -> poll(scheduler, id), new ProgressDisplay(progress, terminal),
                Clock.systemUTC(), follow.interval, PATIENCE);
        JsonNode detail = follower.follow(runId, Optional.ofNullable(follow.timeout));
        RunSnapshot run = RunSnapshot.of(detail);
        if (cli.json()) {
            cli.printJson(detail);
        } else {
            printDetail(cli.out(), detail);
        }
        return run.succeeded() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    /** 404 (the tracker has not read the trigger yet) and 503 (it is restoring) mean "ask again"; anything else is final. */
    private static RunFollower.Poll poll(SchedulerApi scheduler, String runId) {
        String what = "reading run " + runId;
        SchedulerApi.Answer answer = scheduler.exchange(scheduler.runRequest(runId), what);
        if (answer.status() == 200) {
            return new RunFollower.Poll.Found(answer.json(what));
        }
        if (answer.status() == 404 || answer.status() == 503) {
            return new RunFollower.Poll.NotYet(answer.status(), answer.body());
        }
        throw SchedulerApi.failure(answer, what);
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "Lists runs, newest first, optionally of one pipeline or in one status.")
    int list(@Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline's runs.") String pipeline,
             @Option(names = "--status", paramLabel = "STATUS",
                     description = "Only runs in this status: queued, running, succeeded, succeeded_with_rejects, failed, cancelled.")
             String status,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most this many runs, 1..1000 (default ${DEFAULT-VALUE}).")
             int limit,
             @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip this many runs (default ${DEFAULT-VALUE}).")
             int offset) {
        ConveyorCli cli = ConveyorCli.of(spec);
        if (limit < 1 || limit > 1000) {
            throw CliFailure.invalid("--limit must be between 1 and 1000, was " + limit);
        }
        if (offset < 0) {
            throw CliFailure.invalid("--offset must not be negative, was " + offset);
        }
        JsonNode page = cli.scheduler().runs(Optional.ofNullable(pipeline), Optional.ofNullable(status), offset, limit);
        if (cli.json()) {
            cli.printJson(page);
            return ExitCodes.OK;
        }
        TextTable table = TextTable.of("RUN ID", "PIPELINE", ">VERSION", "STATUS", "TRIGGER", "CREATED", ">DURATION",
                ">IN", ">OUT", ">REJECTED", ">DROPPED");
        for (JsonNode run : page.path("runs")) {
            JsonNode counts = run.path("counts");
            table.row(run.path("runId").asText(), run.path("pipeline").asText(), run.path("pipelineVersion").asInt(),
                    run.path("status").asText(), run.path("trigger").asText(), run.path("createdAt").asText(null),
                    duration(run), counts.path("recordsIn").asLong(), counts.path("recordsOut").asLong(),
                    counts.path("recordsRejected").asLong(), counts.path("recordsDropped").asLong());
        }
        cli.out().print(table.isEmpty() ? "No runs." + System.lineSeparator() : table.render());
        cli.out().flush();
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a run: status, trigger, times, parameters, counts and every task.")
    int show(@Parameters(paramLabel = "RUN_ID", description = "The run id.") String runId) {
        ConveyorCli cli = ConveyorCli.of(spec);
        JsonNode detail = cli.scheduler().run(runId);
        if (cli.json()) {
            cli.printJson(detail);
        } else {
            printDetail(cli.out(), detail);
        }
        return ExitCodes.OK;
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancels a queued or running run.",
                    "A finished run exits 2 (nothing to cancel), an unknown one 4."})
    int cancel(@Parameters(paramLabel = "RUN_ID", description = "The run id.") String runId) {
        ConveyorCli cli = ConveyorCli.of(spec);
        JsonNode answer = cli.scheduler().cancel(runId, ConveyorCli.requestedBy());
        if (cli.json()) {
            cli.printJson(answer);
        } else {
            cli.out().println("Cancel requested for run " + answer.path("runId").asText(runId)
                    + " ('conveyor runs watch " + runId + "' follows it to CANCELLED)");
            cli.out().flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "rerun", mixinStandardHelpOptions = true,
            description = {"Starts a finished run again as a new run with its parameters and logical time (rerunOf: the old run).",
                    "A run still going exits 2, an unknown one 4."})
    int rerun(@Parameters(paramLabel = "RUN_ID", description = "The finished run's id.") String runId,
              @Option(names = "--on-current-version",
                      description = "Run it on the pipeline's current version when a newer one was deployed since.")
              boolean onCurrentVersion,
              @Option(names = "--failed-only",
                      description = {"Run again only its failed, timed-out, cancelled and upstream-failed tasks, what is",
                              "downstream of them and the upstream tasks whose records they read; the other tasks keep",
                              "their outcome. Needs the version the run ran; a run without a failed task exits 2."})
              boolean failedOnly) {
        ConveyorCli cli = ConveyorCli.of(spec);
        JsonNode answer = cli.scheduler().rerun(runId, onCurrentVersion, failedOnly, ConveyorCli.requestedBy());
        if (cli.json()) {
            cli.printJson(answer);
        } else {
            cli.out().println("Started run " + answer.path("runId").asText() + " (rerun of " + runId
                    + (failedOnly ? ", its failed tasks only)" : ")"));
            cli.out().flush();
        }
        return ExitCodes.OK;
    }

    /** The run detail for people: a summary, then one row per task. */
    static void printDetail(PrintWriter out, JsonNode detail) {
        JsonNode run = detail.path("run");
        JsonNode counts = run.path("counts");
        out.println("Run:         " + run.path("runId").asText());
        out.println("Pipeline:    " + run.path("pipeline").asText() + " version " + run.path("pipelineVersion").asInt());
        out.println("Status:      " + run.path("status").asText());
        out.println("Trigger:     " + run.path("trigger").asText() + (run.hasNonNull("logicalTime")
                ? " (logical time " + run.path("logicalTime").asText() + ")" : "") + ", priority " + run.path("priority").asInt());
        out.println("Created:     " + run.path("createdAt").asText());
        out.println("Started:     " + run.path("startedAt").asText("-"));
        out.println("Finished:    " + run.path("finishedAt").asText("-") + (duration(run) == null ? "" : " (" + duration(run) + ")"));
        out.printf("Records:     in %,d  out %,d  rejected %,d  dropped %,d%n", counts.path("recordsIn").asLong(),
                counts.path("recordsOut").asLong(), counts.path("recordsRejected").asLong(), counts.path("recordsDropped").asLong());
        if (detail.path("parameters").size() > 0) {
            out.println("Parameters:");
            detail.path("parameters").fields().forEachRemaining(e -> out.println("  " + e.getKey() + "=" + e.getValue().asText()));
        }
        if (detail.path("failedTasks").size() > 0) {
            out.println("Failed tasks: " + detail.path("failedTasks"));
        }
        TextTable tasks = TextTable.of("TASK", "STATUS", ">ATTEMPT", "PARTITIONS", ">IN", ">OUT", ">REJECTED", ">DROPPED", "MESSAGE");
        for (RunSnapshot.TaskLine task : RunSnapshot.of(detail).tasks()) {
            tasks.row(task.taskId(), task.status(), taskAttempt(detail, task.taskId()),
                    task.partitions() == 0 ? "-" : task.partitionsDone() + "/" + task.partitions(),
                    task.recordsIn(), task.recordsOut(), task.recordsRejected(), task.recordsDropped(), task.message().orElse("-"));
        }
        out.print(tasks.render());
        out.flush();
    }

    private static int taskAttempt(JsonNode detail, String taskId) {
        for (JsonNode entry : detail.path("tasks")) {
            if (taskId.equals(entry.path("task").path("taskId").asText())) {
                return entry.path("task").path("attempt").asInt();
            }
        }
        return 0;
    }

    /** From start to finish (or to now while running), e.g. {@code 12.3s}; null before it started. */
    static String duration(JsonNode run) {
        if (!run.hasNonNull("startedAt")) {
            return null;
        }
        Instant start = Instant.parse(run.get("startedAt").asText());
        Instant end = run.hasNonNull("finishedAt") ? Instant.parse(run.get("finishedAt").asText()) : Instant.now();
        return String.format("%.1fs", Duration.between(start, end).toMillis() / 1000.0);
    }
}
