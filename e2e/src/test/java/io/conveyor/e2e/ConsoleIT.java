package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerStack;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console in a browser against a running stack (scheduler, extractor, transformer and loader
 * as processes, the customers pipeline deployed): console/browser-tests/console.test.mjs drives
 * Debian's Chromium through Playwright, triggers a run from the page, waits for the page to show it
 * SUCCEEDED_WITH_REJECTS, checks the graph, a dead letter, the grid and the workers against the REST
 * API and saves a screenshot of each step under target/console-screenshots.
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
            "05-dead-letters.png", "06-dead-letter.png", "07-grid.png", "08-workers.png");

    private CustomerStack deployed;

    @Test
    void aRunTriggeredFromTheConsoleIsWatchedToItsRejectsAndItsGraphAndADeadLetterAreShown(ConveyorStack stack) throws Exception {
        // Say what is missing instead of failing inside node.
        assertThat(CHROMIUM).as("Chromium (Debian package chromium; .ci/run installs it)").isExecutable();
        assertThat(CONSOLE.resolve("node_modules/playwright-core")).as("console's npm packages (mvn install -pl console runs npm ci)")
                .isDirectory();
        clean(SCREENSHOTS);

        deployed = CustomerStack.start(stack, "console", CSV);
        Path log = SCREENSHOTS.resolve("browser-test.log");
        Process node = new ProcessBuilder("node", SCRIPT.toString(), "--url", deployed.scheduler().url(),
                "--pipeline", deployed.pipeline().name(), "--screenshots", SCREENSHOTS.toString(), "--chromium", CHROMIUM.toString())
                .directory(CONSOLE.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = node.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(ended).as("the browser test did not end within 8 minutes:%n%s", output).isTrue();
        assertThat(node.exitValue()).as("the browser test's exit code:%n%s", output).isZero();

        for (String shot : SHOTS) {
            Path file = SCREENSHOTS.resolve(shot);
            assertThat(file).as("screenshot %s", shot).isRegularFile();
            // A PNG, and more than an empty page's few hundred bytes.
            try (var in = Files.newInputStream(file)) {
                assertThat(in.readNBytes(4)).as("signature of %s", shot).containsExactly(0x89, 'P', 'N', 'G');
            }
            assertThat(Files.size(file)).as("size of %s", shot).isGreaterThan(5_000);
        }

        // The run the page triggered is the one the tracker finished with rejects.
        Matcher run = Pattern.compile("^RUN (\\S+)$", Pattern.MULTILINE).matcher(output);
        assertThat(run.find()).as("the script names the run it triggered:%n%s", output).isTrue();
        StackPipelines api = deployed.pipelines();
        assertThat(StackPipelines.status(api.awaitOutcome(run.group(1), Duration.ofSeconds(30)))).isEqualTo("SUCCEEDED_WITH_REJECTS");
    }

    private static void clean(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
    }

    @AfterEach
    void stop() {
        if (deployed != null) {
            deployed.close();
        }
    }
}
