package io.conveyor.cli;

import static io.conveyor.cli.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.cli.InProcessCli.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line parsed and run in this JVM: everything that needs no scheduler. */
class ConveyorCliTest {

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        List<List<String>> paths = new ArrayList<>();
        collect(ConveyorCli.commandLine(), new ArrayList<>(), paths);

        assertThat(paths).extracting(path -> String.join(" ", path)).contains("pipelines validate", "pipelines deploy",
                "pipelines list", "pipelines show", "runs trigger", "runs list", "runs show", "runs watch", "runs cancel",
                "backfill", "dead-letters list", "dead-letters summary", "dead-letters show", "dead-letters replay",
                "dead-letters discard", "workers", "completion");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result help = run(args.toArray(String[]::new));
            assertThat(help.exit()).as("exit of %s --help", path).isZero();
            assertThat(help.out()).as("usage of %s", path).startsWith("Usage: conveyor " + String.join(" ", path));
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help") || !sub.getCommandName().equals(name)) {
                return; // the help command, and aliases
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            paths.add(next);
            collect(sub, next, paths);
        });
    }

    @Test
    void theTopLevelHelpListsTheExitCodes() {
        assertThat(run("--help").out()).contains("Exit codes:", "4    no such pipeline, run or dead letter (404)");
    }

    @Test
    void usageErrorsExit2WithoutAStackTrace() {
        Result unknown = run("runs", "trigger", "orders", "--frobnicate");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'").doesNotContain("Exception");

        Result parameter = run("runs", "trigger", "orders", "-p", "input");
        assertThat(parameter.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(parameter.err()).contains("should be in KEY=VALUE format");

        assertThat(run("runs").exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run("--output", "yaml", "pipelines", "list").exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run("runs", "watch", "x", "--timeout", "soon").err()).contains("'soon' is not a duration");
        Result backfill = run("backfill", "orders", "--from", "yesterday", "--to", "2026-01-01T00:00:00Z");
        assertThat(backfill.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(backfill.err()).contains("--from 'yesterday' is not an ISO-8601 instant");
    }

    @Test
    void anUnreachableSchedulerExits3NamingTheUrlGivenBeforeOrAfterTheCommand() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        Result before = run("--url", url, "pipelines", "list");
        Result after = run("runs", "list", "--url", url);

        assertThat(before.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(before.err()).startsWith("conveyor: listing pipelines: cannot reach the scheduler at " + url);
        assertThat(after.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(after.err()).startsWith("conveyor: listing runs: cannot reach the scheduler at " + url);
    }

    @Test
    void validateAcceptsAGoodFileAndListsEveryProblemOfABadOneWithItsPosition(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), """
                name: people
                schedule: "0 3 * * *"
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/people.csv}
                  - id: load
                    kind: load
                    dependsOn: [extract]
                    sink: {type: warehouse, table: people}
                """);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                name: people
                tasks:
                  - id: extract
                    kind: extrct
                """);

        Result valid = run("pipelines", "validate", good.toString());
        Result invalid = run("pipelines", "validate", bad.toString());
        Result json = run("pipelines", "validate", bad.toString(), "--output", "json");

        assertThat(valid.exit()).isZero();
        assertThat(valid.out()).contains("valid pipeline 'people', 2 task(s): extract -> load", "schedule: 0 3 * * * (UTC)");
        assertThat(invalid.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err()).contains(bad + " is not a valid pipeline:", bad + ":4:11: tasks[0].kind");
        assertThat(json.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(json.out()).contains("\"valid\" : false", bad + ":4:11: tasks[0].kind");
        assertThat(run("pipelines", "validate", dir.resolve("missing.yaml").toString()).err())
                .isEqualTo("conveyor: pipeline file " + dir.resolve("missing.yaml").toAbsolutePath() + " does not exist" + System.lineSeparator());
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        Result completion = run("completion");

        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F _complete_conveyor", "pipelines", "trigger", "--idempotency-key",
                "workers", "--bootstrap-servers", "dead-letters", "replay", "--reason", "(\"EXTRACT\" \"TRANSFORM\" \"LOAD\")");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
