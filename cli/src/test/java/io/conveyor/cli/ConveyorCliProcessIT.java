package io.conveyor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as users run it: {@code java -jar conveyor-cli.jar} (what bin/conveyor runs), a process of
 * its own, against a whole stack started by the launcher's {@code serve} in another process (a real
 * KRaft broker, the registry and the four services, on free ports). The tests build on each other
 * in order: deploy, list, show, trigger with --wait, runs list/show, cancel, workers, backfill.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConveyorCliProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIPELINE = "cli-people";
    private static final Path JAR = Path.of(System.getProperty("conveyor.cli.jar", "target/conveyor-cli.jar"));
    private static final int ROWS = 2_000;
    private static final int BAD_ROWS = 20;

    @TempDir
    static Path dir;

    private static Process stack;
    private static String schedulerUrl;
    private static String bootstrapServers;
    private static Path pipelineFile;
    private static Path smallInput;
    private static String waitedRunId;

    @BeforeAll
    static void startTheStackAndWriteThePipeline() throws Exception {
        assertThat(JAR).as("the packaged CLI jar (mvn package)").isRegularFile();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path output = dir.resolve("stack.out");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx768m", "-cp", stackClasspath(),
                "io.conveyor.launcher.ConveyorLauncher", "serve", "--kafka-port", "0", "--registry-port", "0",
                "--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CONVEYOR_CALLER_DIR", data.toString());
        stack = builder.start();
        List<String> banner = awaitLine(output, "Conveyor is running");
        schedulerUrl = valueOf(banner, "Service scheduler: ").split(" ")[0];
        bootstrapServers = valueOf(banner, "Kafka bootstrap servers: ");

        smallInput = people(data.resolve("people.csv"), ROWS, BAD_ROWS);
        pipelineFile = Files.writeString(dir.resolve("people.yaml"), """
                name: %s
                description: people CSV -> checked e-mails -> warehouse, for the CLI tests
                schedule: "0 3 * * *"
                timezone: Europe/Paris
                parameters:
                  input: %s
                tasks:
                  - id: extract
                    kind: extract
                    key: [id]
                    batchSize: 500
                    source: {type: csv, path: "${input}"}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    key: [id]
                    rules:
                      - required: [id, email]
                      - regex: {field: email, pattern: '^[^@\\s]+@[^@\\s]+$'}
                      - coerce: {field: id, type: long}
                    schema: {type: record, name: Person, namespace: io.conveyor.cli.test, fields: [
                      {name: id, type: long}, {name: email, type: string}]}
                  - id: load
                    kind: load
                    dependsOn: [clean]
                    key: [id]
                    sink: {type: warehouse, table: cli_people, mode: upsert}
                """.formatted(PIPELINE, smallInput));
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        if (stack != null) {
            stack.destroy();
            if (!stack.waitFor(60, TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void deployIsRefusedWithTheProblemsOfABadFileAndAcceptsAGoodOne() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\ntasks:\n  - id: x\n    kind: extrct\n");
        Cli refused = cli("pipelines", "deploy", bad.toString(), "--url", schedulerUrl);
        assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(refused.err()).contains("deploying bad.yaml was refused (HTTP 422)", "bad.yaml:4:11: tasks[0].kind");

        Cli deployed = cli("pipelines", "deploy", pipelineFile.toString(), "--url", schedulerUrl);
        assertThat(deployed.exit()).as(deployed.toString()).isZero();
        assertThat(deployed.out()).startsWith("Deployed pipeline 'cli-people' version 1");

        Cli again = cli("--output", "json", "pipelines", "deploy", pipelineFile.toString(), "--url", schedulerUrl);
        JsonNode unchanged = JSON.readTree(again.out());
        assertThat(unchanged.path("changed").asBoolean()).isFalse();
        assertThat(unchanged.path("version").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void listAndShowGiveTheScheduleAndTheNextFireTimes() throws Exception {
        // The scheduler URL from the environment this time.
        Cli table = cli(Map.of("CONVEYOR_URL", schedulerUrl), "pipelines", "list");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst()).contains("NAME        VERSION  STATE   SCHEDULE   TIMEZONE      NEXT FIRE");
        assertThat(table.out()).containsPattern("cli-people\\s+1\\s+active\\s+0 3 \\* \\* \\*\\s+Europe/Paris\\s+\\d{4}-\\d\\d-\\d\\dT0[12]:00:00Z");

        JsonNode list = JSON.readTree(cli(Map.of("CONVEYOR_URL", schedulerUrl), "pipelines", "list", "-o", "json").out());
        JsonNode people = StreamSupport.stream(list.spliterator(), false)
                .filter(pipeline -> pipeline.path("name").asText().equals(PIPELINE)).findFirst().orElseThrow();
        assertThat(people.path("schedule").asText()).isEqualTo("0 3 * * *");

        Cli show = cli("pipelines", "show", PIPELINE, "--next", "3", "--url", schedulerUrl);
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Schedule:      0 3 * * * (Europe/Paris)", "Tasks:         extract -> clean -> load",
                "Next fire times:");
        List<String> lines = show.out().lines().toList();
        List<String> fireTimes = lines.subList(lines.indexOf("Next fire times:") + 1, lines.size());
        assertThat(fireTimes).hasSize(3).allMatch(line -> line.matches("  \\d{4}-\\d\\d-\\d\\dT0[12]:00:00Z"));

        JsonNode detail = JSON.readTree(cli("pipelines", "show", PIPELINE, "--next", "4", "-o", "json", "--url", schedulerUrl).out());
        assertThat(detail.path("nextFireTimes")).hasSize(4);

        Cli unknown = cli("pipelines", "show", "no-such-pipeline", "--url", schedulerUrl);
        assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(3)
    void triggerWithWaitShowsProgressPerTaskAndExitsWithTheRunsOutcome() throws Exception {
        Cli run = cli("runs", "trigger", PIPELINE, "-p", "input=" + smallInput, "--idempotency-key", "cli-test-1",
                "--wait", "--interval", "200ms", "--timeout", "5m", "--url", schedulerUrl);

        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        waitedRunId = lines.get(0).substring("Started run ".length());
        assertThat(waitedRunId).startsWith(PIPELINE + "@m-");
        // progress blocks: a header per change, then one bar line per task
        assertThat(lines).anyMatch(line -> line.matches(java.util.regex.Pattern.quote(waitedRunId) + "  (QUEUED|RUNNING)  [0-9.]+s"));
        assertThat(lines).anyMatch(line -> line.matches(
                "  extract  \\w+ +\\[[#-]{20}] \\S+  in [0-9,]+  out [0-9,]+  rejected [0-9,]+  dropped [0-9,]+"));
        assertThat(lines).contains("  clean    succeeded  [####################] 6/6  in 2,000  out 1,980  rejected 20  dropped 0");
        assertThat(lines).contains("Status:      SUCCEEDED_WITH_REJECTS");

        // the same key and parameters: the same run, nothing new started
        JsonNode again = JSON.readTree(cli("runs", "trigger", PIPELINE, "-p", "input=" + smallInput, "--idempotency-key", "cli-test-1",
                "-o", "json", "--url", schedulerUrl).out());
        assertThat(again.path("runId").asText()).isEqualTo(waitedRunId);
        Cli wrongParameter = cli("runs", "trigger", PIPELINE, "-p", "inptu=x", "--url", schedulerUrl);
        assertThat(wrongParameter.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(wrongParameter.err()).contains("does not use parameter 'inptu'");
    }

    @Test
    @Order(4)
    void runsListAndShowGiveTheRunAndItsCountsAsJson() throws Exception {
        Cli table = cli("runs", "list", "--pipeline", PIPELINE, "--url", schedulerUrl);
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out()).containsPattern(java.util.regex.Pattern.quote(waitedRunId)
                + "\\s+cli-people\\s+1\\s+SUCCEEDED_WITH_REJECTS\\s+MANUAL\\s+\\S+\\s+[0-9.]+s\\s+2,000\\s+1,980\\s+20\\s+0");

        JsonNode page = JSON.readTree(cli("runs", "list", "--pipeline", PIPELINE, "--status", "succeeded_with_rejects",
                "-o", "json", "--url", schedulerUrl).out());
        assertThat(page.path("runs")).extracting(run -> run.path("runId").asText()).contains(waitedRunId);

        JsonNode detail = JSON.readTree(cli("runs", "show", waitedRunId, "-o", "json", "--url", schedulerUrl).out());
        assertThat(detail.path("run").path("status").asText()).isEqualTo("SUCCEEDED_WITH_REJECTS");
        assertThat(detail.path("run").path("counts").path("recordsRejected").asLong()).isEqualTo(BAD_ROWS);
        assertThat(detail.path("tasks")).extracting(task -> task.path("task").path("taskId").asText())
                .containsExactly("extract", "clean", "load");

        Cli shown = cli("runs", "show", waitedRunId, "--url", schedulerUrl);
        assertThat(shown.out()).contains("Status:      SUCCEEDED_WITH_REJECTS", "Records:     in 2,000  out 1,980  rejected 20  dropped 0")
                .containsPattern("clean\\s+SUCCEEDED\\s+1\\s+6/6\\s+2,000\\s+1,980\\s+20\\s+0");

        assertThat(cli("runs", "show", PIPELINE + "@m-0000000000000000", "--url", schedulerUrl).exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(5)
    void aCancelledRunEndsCancelledAndWatchExits1() throws Exception {
        Path big = people(dir.resolve("data").resolve("many-people.csv"), 400_000, 0);
        JsonNode started = JSON.readTree(cli("runs", "trigger", PIPELINE, "-p", "input=" + big, "-o", "json", "--url", schedulerUrl).out());
        String runId = started.path("runId").asText();
        // the run stores answer cancel's 404/409: wait until they know the run
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cli("runs", "show", runId, "--url", schedulerUrl).exit() != 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }

        Cli cancel = cli("runs", "cancel", runId, "--url", schedulerUrl);
        assertThat(cancel.exit()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).startsWith("Cancel requested for run " + runId);

        Cli watch = cli("runs", "watch", runId, "--timeout", "3m", "--url", schedulerUrl);
        assertThat(watch.exit()).as(watch.toString()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(watch.out()).contains("Status:      CANCELLED");

        Cli again = cli("runs", "cancel", runId, "--url", schedulerUrl);
        assertThat(again.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(again.err()).contains("has finished (CANCELLED)");
    }

    @Test
    @Order(6)
    void workersShowsEachServicesConsumerGroupsWithMembersPartitionsAndLag() throws Exception {
        Cli json = cli(Map.of("CONVEYOR_BOOTSTRAP_SERVERS", bootstrapServers), "workers", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode groups = JSON.readTree(json.out());
        assertThat(groups).extracting(group -> group.path("service").asText() + " " + group.path("group").asText())
                .contains("scheduler conveyor-tracker", "extractor conveyor-extractor",
                        "transformer conveyor.transformer.cli-people.clean", "loader conveyor.loader.cli-people.load");
        for (JsonNode group : groups) {
            if (List.of("conveyor-tracker", "conveyor-extractor").contains(group.path("group").asText())) {
                assertThat(group.path("members")).as("members of %s", group.path("group")).isNotEmpty();
                assertThat(group.path("members").get(0).path("partitions")).as("partitions of %s", group.path("group")).isNotEmpty();
            }
            assertThat(group.path("group").asText()).doesNotEndWith(".outbox");
        }
        JsonNode transformer = StreamSupport.stream(groups.spliterator(), false)
                .filter(group -> group.path("service").asText().equals("transformer")).findFirst().orElseThrow();
        JsonNode partitions = transformer.path("members").isEmpty() ? transformer.path("unassigned")
                : transformer.path("members").get(0).path("partitions");
        assertThat(partitions).allSatisfy(partition -> assertThat(partition.path("topic").asText())
                .isEqualTo("conveyor.data.cli-people.extract"));

        Cli table = cli("workers", "--bootstrap-servers", bootstrapServers, "--service", "scheduler");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).matches("SERVICE\\s+GROUP\\s+STATE\\s+MEMBER\\s+HOST\\s+PARTITIONS\\s+LAG");
        assertThat(table.out()).containsPattern("scheduler\\s+conveyor-tracker\\s+Stable\\s+\\S+\\s+\\S+\\s+conveyor\\.");
    }

    @Test
    @Order(7)
    void backfillStartsOneRunPerFireTimeAndARepeatIsRefusedUnlessForced() throws Exception {
        // 03:00 in Paris is 02:00Z in January: two fire times in these two days
        Cli json = cli("backfill", PIPELINE, "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T23:59:59Z",
                "-o", "json", "--url", schedulerUrl);
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode backfill = JSON.readTree(json.out());
        assertThat(backfill.path("logicalTimes")).extracting(JsonNode::asText)
                .containsExactly("2026-01-01T02:00:00Z", "2026-01-02T02:00:00Z");
        assertThat(backfill.path("runIds")).extracting(JsonNode::asText)
                .containsExactly(PIPELINE + "@20260101T020000Z", PIPELINE + "@20260102T020000Z");

        // The runs are known to the tracker once their triggers are read; until then a repeat may still pass.
        Cli repeat = awaitRefusal(() -> cli("backfill", PIPELINE, "--from", "2026-01-01T00:00:00Z", "--to",
                "2026-01-02T23:59:59Z", "--url", schedulerUrl));
        assertThat(repeat.exit()).as(repeat.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(repeat.err()).contains("backfilling cli-people was refused (HTTP 409)", "nothing was started",
                "2026-01-01T02:00:00Z  cli-people@20260101T020000Z", "2026-01-02T02:00:00Z  cli-people@20260102T020000Z");

        Cli forced = cli("backfill", PIPELINE, "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T23:59:59Z",
                "--force", "--url", schedulerUrl);
        assertThat(forced.exit()).as(forced.toString()).isZero();
        List<String> lines = forced.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Backfill of cli-people: 2 run(s)");
        assertThat(lines.get(1)).matches("LOGICAL TIME\\s+RUN ID\\s+RERUN OF");
        assertThat(lines.subList(2, lines.size())).satisfiesExactly(
                row -> assertThat(row).matches("2026-01-01T02:00:00Z  cli-people@m-\\S+\\s+cli-people@20260101T020000Z"),
                row -> assertThat(row).matches("2026-01-02T02:00:00Z  cli-people@m-\\S+\\s+cli-people@20260102T020000Z"));

        Cli unknown = cli("backfill", "no-such-pipeline", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z",
                "--url", schedulerUrl);
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(8)
    void deadLettersAreCountedListedShownEditedAndReplayedThenDiscardedOnce() throws Exception {
        JsonNode summary = JSON.readTree(cli("dead-letters", "summary", PIPELINE, "--run", waitedRunId, "-o", "json",
                "--url", schedulerUrl).out());
        assertThat(summary.path("total").asLong()).as("%s", summary).isEqualTo(BAD_ROWS);
        assertThat(summary.path("byField").path("email").asLong()).isEqualTo(BAD_ROWS);

        Cli page = cli("dead-letters", "list", PIPELINE, "--run", waitedRunId, "--limit", "7", "--url", schedulerUrl);
        assertThat(page.exit()).as(page.toString()).isZero();
        List<String> lines = page.out().lines().toList();
        assertThat(lines.get(0)).matches("ID\\s+RUN\\s+STAGE\\s+TASK\\s+RULE\\s+FIELD\\s+STATE\\s+ATTEMPT\\s+MESSAGE");
        assertThat(lines.subList(1, 8)).allMatch(line -> line.contains("TRANSFORM") && line.contains("OPEN"));
        assertThat(lines.get(lines.size() - 1)).startsWith("more: --after ");

        JsonNode all = JSON.readTree(cli("dead-letters", "list", PIPELINE, "--run", waitedRunId, "--limit", "1000", "-o", "json",
                "--url", schedulerUrl).out());
        String first = all.path("letters").get(0).path("id").asText();
        Cli shown = cli("dead-letters", "show", PIPELINE, first, "--url", schedulerUrl);
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains(" at example.com", "regex");

        Cli edited = cli("dead-letters", "replay", PIPELINE, "--id", first, "--set", "email=fixed@example.com", "--wait",
                "--interval", "200ms", "--timeout", "3m", "--url", schedulerUrl);
        assertThat(edited.exit()).as(edited.toString()).isZero();
        assertThat(edited.out()).contains("Started replay run " + PIPELINE + "@m-", "of 1 dead letter(s)", "Status:      SUCCEEDED");

        Cli discarded = cli("dead-letters", "discard", PIPELINE, "--run", waitedRunId, "--reason", "test rows", "--url", schedulerUrl);
        assertThat(discarded.exit()).as(discarded.toString()).isZero();
        assertThat(discarded.out()).startsWith("Discarded " + (BAD_ROWS - 1) + " dead letter(s)");

        Cli nothing = cli("dead-letters", "replay", PIPELINE, "--run", waitedRunId, "--url", schedulerUrl);
        assertThat(nothing.exit()).as(nothing.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(nothing.err()).contains("no open dead letter");
        assertThat(cli("dead-letters", "show", PIPELINE, "0-999999", "--url", schedulerUrl).exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    // ---- helpers ----

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) throws IOException, InterruptedException {
        return cli(Map.of(), args);
    }

    private static Cli cli(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("CONVEYOR_URL");
        builder.environment().remove("CONVEYOR_OUTPUT");
        builder.environment().remove("CONVEYOR_BOOTSTRAP_SERVERS");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("conveyor " + String.join(" ", args) + " did not finish");
        }
        return new Cli(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private interface CliCall {
        Cli run() throws IOException, InterruptedException;
    }

    /** Repeats the call until it is refused (a non-zero exit), for at most a minute; returns the last answer. */
    private static Cli awaitRefusal(CliCall call) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Cli answer = call.run();
        while (answer.exit() == ExitCodes.OK && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            answer = call.run();
        }
        return answer;
    }

    /** {@code id,email}; the first {@code bad} rows have an e-mail without {@code @}. */
    private static Path people(Path file, int rows, int bad) throws IOException {
        StringBuilder csv = new StringBuilder("id,email\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(i <= bad ? "person" + i + " at example.com" : "person" + i + "@example.com").append('\n');
        }
        return Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    /**
     * The test classpath holds the launcher and every service; without the CLI's slf4j-nop, which
     * would take the services' logging from logback (and with it their metrics binder).
     */
    private static String stackClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-nop"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> awaitLine(Path output, String prefix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (lines.stream().anyMatch(line -> line.startsWith(prefix))) {
                return lines;
            }
            if (!stack.isAlive()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("The stack did not print '" + prefix + "'; it printed: " + lines);
    }

    private static String valueOf(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("No '" + prefix + "' line in " + lines));
    }
}
