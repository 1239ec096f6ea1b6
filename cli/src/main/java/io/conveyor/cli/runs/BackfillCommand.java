package io.conveyor.cli.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ConveyorCli;
import io.conveyor.cli.ExitCodes;
import io.conveyor.cli.render.TextTable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conveyor backfill}: one run per fire time of the pipeline's schedule in a range. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Starts one run for each fire time of a scheduled pipeline between --from and --to (both inclusive).",
                "Run ids are those the cron loop would give: a fire time that already ran is refused (exit 2, the runs",
                "listed) and nothing is started, unless --force starts a new run (rerunOf the old one) for it."})
public final class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline's name.")
    String pipeline;

    @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "First logical time, ISO-8601 (2026-01-01T00:00:00Z).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "Last logical time, ISO-8601, inclusive.")
    String to;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A run parameter for every run (repeatable).")
    Map<String, String> parameters;

    @Option(names = "--priority", paramLabel = "N", description = "Queue priority of the runs.")
    Integer priority;

    @Option(names = "--force", description = "Rerun the fire times that already ran, as new runs.")
    boolean force;

    @Override
    public Integer call() {
        ConveyorCli cli = ConveyorCli.of(spec);
        instant("--from", from);
        instant("--to", to);
        JsonNode answer = cli.scheduler().backfill(pipeline, from, to, parameters == null ? Map.of() : new LinkedHashMap<>(parameters),
                Optional.ofNullable(priority), force, ConveyorCli.requestedBy());
        if (cli.json()) {
            cli.printJson(answer);
            return ExitCodes.OK;
        }
        Map<String, String> rerunOf = new LinkedHashMap<>();
        answer.path("reruns").forEach(rerun -> rerunOf.put(rerun.path("runId").asText(), rerun.path("rerunOf").asText()));
        TextTable table = rerunOf.isEmpty() ? TextTable.of("LOGICAL TIME", "RUN ID") : TextTable.of("LOGICAL TIME", "RUN ID", "RERUN OF");
        JsonNode times = answer.path("logicalTimes");
        JsonNode runIds = answer.path("runIds");
        for (int i = 0; i < runIds.size(); i++) {
            String runId = runIds.path(i).asText();
            if (rerunOf.isEmpty()) {
                table.row(times.path(i).asText(), runId);
            } else {
                table.row(times.path(i).asText(), runId, rerunOf.getOrDefault(runId, ""));
            }
        }
        cli.out().printf("Backfill of %s: %d run(s)%n", answer.path("pipeline").asText(pipeline), runIds.size());
        if (!table.isEmpty()) {
            cli.out().print(table.render());
        }
        cli.out().flush();
        return ExitCodes.OK;
    }

    /** Checked here so that a typo is exit 2 with the option's name, before any request. */
    private static void instant(String option, String value) {
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CliFailure.invalid(option + " '" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
