package io.conveyor.cli.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ConveyorCli;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.api.SchedulerApi;
import io.conveyor.cli.runs.RunsCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conveyor dead-letters list|summary|show|replay|discard}. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"Lists, summarises and shows a pipeline's dead letters (the records its runs rejected).",
                "Replays them as a new run, optionally with fields overwritten, or discards them."})
public final class DeadLettersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: list, summary, show, replay or discard");
    }

    /** Where a letter stands: open until it is replayed or discarded. */
    enum State {
        OPEN, REPLAYED, DISCARDED
    }

    /** The selection every command but {@code show} takes; the scheduler combines the keys given with "and". */
    static final class FilterOptions {
        @Option(names = "--run", paramLabel = "RUN_ID", description = "Only letters of this run.")
        String run;

        @Option(names = "--stage", paramLabel = "STAGE", description = "Only letters of this stage: ${COMPLETION-CANDIDATES}.")
        DeadLetterFilter.Stage stage;

        @Option(names = "--task", paramLabel = "TASK", description = "Only letters of this task.")
        String task;

        @Option(names = "--rule", paramLabel = "RULE", description = "Only letters of this rule (regex, required, ...).")
        String rule;

        @Option(names = "--field", paramLabel = "FIELD", description = "Only letters about this field.")
        String field;

        @Option(names = "--from", paramLabel = "INSTANT", description = "Only letters from this ISO-8601 instant on (2026-12-07T00:00:00Z).")
        String from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Only letters up to this ISO-8601 instant.")
        String to;

        DeadLetterFilter filter() {
            return new DeadLetterFilter(run, stage, task, rule, field, from, to);
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = {"Lists a pipeline's dead letters, a page at a time.",
                    "Prints 'more: --after CURSOR' when there is a next page; --all prints every page."})
    int list(@Parameters(paramLabel = "PIPELINE", description = "The pipeline's name.") String pipeline,
             @Mixin FilterOptions filters,
             @Option(names = "--state", paramLabel = "STATE", description = "Only letters in this state: ${COMPLETION-CANDIDATES}.")
             State state,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                     description = "At most this many letters a page, 1..1000 (default ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--after", paramLabel = "CURSOR", description = "Start after this cursor (a previous page's 'more').")
             String after,
             @Option(names = "--all", description = "Follow the cursor page by page to the last letter, printing each page as it comes.")
             boolean all) {
        ConveyorCli cli = ConveyorCli.of(spec);
        if (limit < 1 || limit > 1000) {
            throw CliFailure.invalid("--limit must be between 1 and 1000, was " + limit);
        }
        Map<String, String> query = query(filters.filter(), state);
        SchedulerApi scheduler = cli.scheduler();
        PrintWriter out = cli.out();
        boolean[] printed = {false};
        Optional<String> more = DeadLetterPages.read(cursor -> scheduler.deadLetters(pipeline, query, cursor, limit),
                Optional.ofNullable(after), all, (page, answer) -> {
                    // With --all and --output json, one JSON document a page: jq reads them as a stream.
                    if (cli.json()) {
                        cli.printJson(answer);
                    } else if (!page.letters().isEmpty()) {
                        out.print(page.render(!printed[0]));
                        printed[0] = true;
                        out.flush();
                    }
                });
        if (!cli.json()) {
            if (!printed[0]) {
                out.println("No dead letters.");
            }
            more.map(DeadLetterPage::moreHint).ifPresent(out::println);
            out.flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Counts a pipeline's dead letters: the total, then by state, stage, task, rule and field (largest first).")
    int summary(@Parameters(paramLabel = "PIPELINE", description = "The pipeline's name.") String pipeline,
                @Mixin FilterOptions filters,
                @Option(names = "--state", paramLabel = "STATE", description = "Only letters in this state: ${COMPLETION-CANDIDATES}.")
                State state) {
        ConveyorCli cli = ConveyorCli.of(spec);
        JsonNode summary = cli.scheduler().deadLetterSummary(pipeline, query(filters.filter(), state));
        if (cli.json()) {
            cli.printJson(summary);
        } else {
            cli.out().print(DeadLetterSummary.of(summary).render());
            cli.out().flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows one dead letter: its fields, the rejected record's value (as JSON) and headers.",
                    "An unknown letter exits 4."})
    int show(@Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline's name.") String pipeline,
             @Parameters(index = "1", paramLabel = "ID", description = "The letter's id (the ID column of list).") String id) {
        ConveyorCli cli = ConveyorCli.of(spec);
        JsonNode letter = cli.scheduler().deadLetter(pipeline, id);
        if (cli.json()) {
            cli.printJson(letter);
        } else {
            cli.out().print(DeadLetterDetail.render(letter));
            cli.out().flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Replays the selected open dead letters as a new run; prints its run id and counts.",
                    "No filter and no --id: every open letter of the pipeline. Nothing open to replay exits 2.",
                    "With --wait, follows the run as 'runs trigger --wait' does and exits with its outcome."})
    int replay(@Parameters(paramLabel = "PIPELINE", description = "The pipeline's name.") String pipeline,
               @Mixin FilterOptions filters,
               @Option(names = "--id", paramLabel = "ID", split = ",", description = "Only this letter (repeatable, or comma-separated).")
               List<String> ids,
               @Option(names = "--set", paramLabel = "FIELD=VALUE",
                       description = "Overwrite this field in every selected letter's record before replaying it (repeatable).")
               Map<String, String> set,
               @Option(names = "--wait", description = "Follow the replay run until it ends, with live progress per task.") boolean wait,
               @Mixin RunsCommand.FollowOptions follow) throws InterruptedException {
        ConveyorCli cli = ConveyorCli.of(spec);
        Map<String, String> fields = set == null ? Map.of() : new LinkedHashMap<>(set);
        if (fields.keySet().stream().anyMatch(String::isBlank)) {
            throw CliFailure.invalid("--set needs a field name: FIELD=VALUE");
        }
        SchedulerApi scheduler = cli.scheduler();
        JsonNode answer = scheduler.replay(pipeline, filters.filter().parameters(), ids(ids), fields, ConveyorCli.requestedBy());
        if (!wait) {
            if (cli.json()) {
                cli.printJson(answer);
            } else {
                cli.out().println(replayed(answer));
                cli.out().flush();
            }
            return ExitCodes.OK;
        }
        // As with runs trigger --wait: with --output json stdout holds only the run's final detail, so the counts go to stderr.
        PrintWriter progress = cli.json() ? cli.err() : cli.out();
        progress.println(replayed(answer));
        progress.flush();
        return RunsCommand.followToEnd(cli, scheduler, answer.path("runId").asText(), follow);
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = {"Discards the selected open dead letters: they become DISCARDED, with the reason.",
                    "Every open letter of the pipeline only with --all, which takes no filter and no --id."})
    int discard(@Parameters(paramLabel = "PIPELINE", description = "The pipeline's name.") String pipeline,
                @Mixin FilterOptions filters,
                @Option(names = "--id", paramLabel = "ID", split = ",", description = "Only this letter (repeatable, or comma-separated).")
                List<String> ids,
                @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: recorded with every letter discarded.")
                String reason,
                @Option(names = "--all", description = "Every open letter of the pipeline (a discard cannot be undone, so it is never implied).")
                boolean all) {
        ConveyorCli cli = ConveyorCli.of(spec);
        if (reason.isBlank()) {
            throw CliFailure.invalid("--reason must say why the letters are discarded");
        }
        boolean selected = !filters.filter().parameters().isEmpty() || !ids(ids).isEmpty();
        if (all == selected) {
            throw CliFailure.invalid(all ? "--all discards every open letter; it takes no filter and no --id"
                    : "discard needs a filter or --id, or --all to discard every open letter of " + pipeline);
        }
        JsonNode answer = cli.scheduler().discard(pipeline, filters.filter().parameters(), ids(ids), reason, ConveyorCli.requestedBy());
        if (cli.json()) {
            cli.printJson(answer);
        } else {
            cli.out().println(discarded(answer));
            cli.out().flush();
        }
        return ExitCodes.OK;
    }

    /** The query of list and summary: the filter and the state. */
    static Map<String, String> query(DeadLetterFilter filter, State state) {
        Map<String, String> query = filter.parameters();
        if (state != null) {
            query.put("state", state.name());
        }
        return query;
    }

    /** {@code Started replay run R of N dead letter(s)}, then what was skipped and why, in the scheduler's words. */
    static String replayed(JsonNode answer) {
        return "Started replay run " + answer.path("runId").asText() + " of " + answer.path("letters").asLong()
                + " dead letter(s)" + skipped(answer.path("skipped"));
    }

    static String discarded(JsonNode answer) {
        return "Discarded " + answer.path("discarded").asLong() + " dead letter(s)" + skipped(answer.path("skipped"));
    }

    /** {@code ; skipped: replayed 2, discarded 1}: only the reasons that skipped any letter. */
    private static String skipped(JsonNode skipped) {
        StringJoiner reasons = new StringJoiner(", ", "; skipped: ", "");
        reasons.setEmptyValue("");
        skipped.fields().forEachRemaining(reason -> {
            if (reason.getValue().asLong() > 0) {
                reasons.add(reason.getKey() + " " + reason.getValue().asLong());
            }
        });
        return reasons.toString();
    }

    private static List<String> ids(List<String> ids) {
        List<String> given = new ArrayList<>();
        if (ids != null) {
            ids.stream().map(String::strip).filter(id -> !id.isEmpty()).forEach(given::add);
        }
        return given;
    }
}
