package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerStack;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console in a browser against a running stack (scheduler, extractor, transformer and loader
 * as processes, the customers pipeline deployed): console/browser-tests/console.test.mjs drives
 * Debian's Chromium through Playwright, triggers a run from the page, waits for the page to show it
 * SUCCEEDED_WITH_REJECTS, checks the graph, a dead letter, the grid and the workers against the REST
 * API and saves a screenshot of each step under target/console-screenshots. A second test signs in
 * against a scheduler with security on.
 */
@ExtendWith(ConveyorStackExtension.class)
class ConsoleIT {

    /** Rejects at each stage: bad rows at the extract, bad amounts and e-mails at the transform, every 30th at the load. */
    private static final CustomerCsv CSV = new CustomerCsv(3_000, 0, 30);
    private static final Path CONSOLE = Path.of("..", "console").toAbsolutePath().normalize();
    private static final Path SCRIPT = CONSOLE.resolve("browser-tests/console.test.mjs");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> SHOTS = List.of("01-pipelines.png", "02-pipeline.png", "03-run-live.png", "04-run-graph.png",
            "05-dead-letters.png", "06-dead-letter.png", "07-grid.png", "08-pipelines-after-run.png", "09-workers.png");

    private static final List<String> SIGN_IN_SHOTS = List.of("11-sign-in.png", "12-signed-in.png", "13-viewer-trigger-refused.png");
    private static final String VIEWER_SECRET = "viewer-secret-0123";
    private static final String ADMIN_SECRET = "admin-secret-0123";
    private static final String GUARDED = """
            name: guarded
            tasks:
              - {id: a, kind: extract, source: {type: csv, path: /data/in.csv}}
            """;

    private CustomerStack deployed;
    private ServiceFleet fleet;

    @Test
    void aRunTriggeredFromTheConsoleIsWatchedToItsRejectsAndItsGraphAndADeadLetterAreShown(ConveyorStack stack) throws Exception {
        clearScreenshots(SHOTS, "failure.png");

        deployed = CustomerStack.start(stack, "console", CSV);
        String output = runScript("console.test.mjs", "browser-test.log", "--url", deployed.scheduler().url(),
                "--pipeline", deployed.pipeline().name());

        assertScreenshots(SHOTS);

        // The run the page triggered is the one the tracker finished with rejects.
        Matcher run = Pattern.compile("^RUN (\\S+)$", Pattern.MULTILINE).matcher(output);
        assertThat(run.find()).as("the script names the run it triggered:%n%s", output).isTrue();
        StackPipelines api = deployed.pipelines();
        assertThat(StackPipelines.status(api.awaitOutcome(run.group(1), Duration.ofSeconds(30)))).isEqualTo("SUCCEEDED_WITH_REJECTS");
    }

    /**
     * With security on, the page asks for credentials, refuses a wrong secret, signs a viewer in and
     * shows the 403 of its trigger, then signs out. Only a scheduler runs: nothing is executed.
     */
    @Test
    void withSecurityOnAViewerSignsInSeesThePipelinesButCannotTrigger(ConveyorStack stack) throws Exception {
        clearScreenshots(SIGN_IN_SHOTS, "sign-in-failure.png");
        fleet = new ServiceFleet(stack, ConveyorStack.uniqueName("console-secured"), 1);
        ServiceProcess scheduler = fleet.scheduler("scheduler-1", Map.of("CONVEYOR_SECURITY_ENABLED", "true",
                "CONVEYOR_SECURITY_USERS", "vera:viewer:" + VIEWER_SECRET + ",ada:admin:" + ADMIN_SECRET));
        ServiceFleet.startAll(List.of(scheduler));
        HttpResponse<String> deployedAsAdmin = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(scheduler.url() + "/pipelines?file=guarded.yaml"))
                .header("Content-Type", "application/x-yaml").header("Authorization", "Bearer " + ADMIN_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(GUARDED)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deployedAsAdmin.statusCode()).as(deployedAsAdmin.body()).isEqualTo(201);

        runScript("sign-in.test.mjs", "sign-in-test.log", "--url", scheduler.url(), "--pipeline", "guarded",
                "--user", "vera", "--secret", VIEWER_SECRET);

        assertScreenshots(SIGN_IN_SHOTS);
    }

    /** Runs a script of console/browser-tests with node and Chromium; returns its output once it exited 0. */
    private static String runScript(String script, String logName, String... arguments) throws Exception {
        assertThat(CONSOLE.resolve("node_modules/playwright-core")).as("console's npm packages (mvn install -pl console runs npm ci)")
                .isDirectory();
        List<String> command = new ArrayList<>(List.of("node", CONSOLE.resolve("browser-tests").resolve(script).toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--screenshots", SCREENSHOTS.toString(), "--chromium", CHROMIUM.toString()));
        Path log = SCREENSHOTS.resolve(logName);
        Process node = new ProcessBuilder(command).directory(CONSOLE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = node.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            // Chromium's processes are node's children: they would outlive it.
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(ended).as("%s did not end within 8 minutes:%n%s", script, output).isTrue();
        assertThat(node.exitValue()).as("exit code of %s:%n%s", script, output).isZero();
        return output;
    }

    private static void assertScreenshots(List<String> names) throws IOException {
        for (String shot : names) {
            Path file = SCREENSHOTS.resolve(shot);
            assertThat(file).as("screenshot %s", shot).isRegularFile();
            // A PNG, and more than an empty page's few hundred bytes.
            try (var in = Files.newInputStream(file)) {
                assertThat(in.readNBytes(4)).as("signature of %s", shot).containsExactly(0x89, 'P', 'N', 'G');
            }
            assertThat(Files.size(file)).as("size of %s", shot).isGreaterThan(5_000);
        }
    }

    @AfterEach
    void stop() {
        if (deployed != null) {
            deployed.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    /**
     * Says what is missing instead of failing inside node, and removes this test's screenshots of an
     * earlier run (only its own: the other test's share the directory).
     */
    private static void clearScreenshots(List<String> shots, String failure) throws IOException {
        assertThat(CHROMIUM).as("Chromium (Debian package chromium; .ci/run installs it)").isExecutable();
        Files.createDirectories(SCREENSHOTS);
        for (String shot : shots) {
            Files.deleteIfExists(SCREENSHOTS.resolve(shot));
        }
        Files.deleteIfExists(SCREENSHOTS.resolve(failure));
    }
}
