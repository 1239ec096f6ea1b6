package io.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.launcher.example.SampleOrders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a user runs it: the launcher's default command in its own JVM from
 * the repository root, the example pipeline end to end into the embedded warehouse, and the
 * summary it ends with checked against what the sample data must give. Run again on the same data
 * directory, as a user does, and then with a pipeline file there too: a restarted stack finds its
 * topics, tracker state and warehouse again and answers the same.
 */
class ExampleProcessTest {

    private static final int ROWS = 20_000;

    @Test
    void theExampleRunsEndToEndAndItsSummaryIsExactAlsoWhenRunAgainOnTheSameDataDirectory(@TempDir Path temp) throws Exception {
        SampleOrders.Written expected = SampleOrders.write(temp.resolve("expected.csv"), ROWS, 42);
        Path data = temp.resolve("data");

        for (int time = 1; time <= 2; time++) {
            List<String> lines = launch(temp.resolve("example-" + time + ".out"), "example", "--rows", Integer.toString(ROWS),
                    "--kafka-port", "0", "--registry-port", "0", "--data-dir", data.toString());

            assertThat(lines).as("run %d", time).contains(String.format("  rows read      %,12d", ROWS));
            // The example drops nothing on purpose, so every row read is loaded or rejected.
            assertThat(lines).as("run %d", time).contains(String.format("  rows dropped   %,12d", 0));
            assertThat(lines).as("run %d", time).contains(String.format("  rows loaded    %,12d", ROWS - expected.badRows()));
            assertThat(lines).as("run %d", time).anyMatch(line -> line.startsWith(String.format(
                    "  rows rejected  %,12d   -> dead-letter topic conveyor.dlq.orders-example", expected.badRows())));
            assertThat(lines).as("run %d", time).contains(String.format("Warehouse table orders holds %,d orders; the sample data"
                    + " should give %,d orders and %,d rejects: exact", expected.distinctValidOrders(), expected.distinctValidOrders(),
                    expected.badRows()));
            assertThat(lines).as("run %d", time).anyMatch(line -> line.matches("Run orders-example@m-\\w+ finished: SUCCEEDED_WITH_REJECTS"));
            assertThat(lines).as("run %d", time).anyMatch(line -> line.matches("\\s+[0-9.]+s\\s+RUNNING .*extract running.*"));
            assertThat(lines).as("run %d", time).anyMatch(line -> line.startsWith("    TRANSFORM / regex#5 / customer_email:"));
            assertThat(lines).as("run %d", time).last().asString().contains("Dead letters:");
        }

        List<String> lines = launch(temp.resolve("run.out"), "run", ExampleCommand.PIPELINE.toString(),
                "-p", "input=" + data.resolve("example").resolve("orders.csv"),
                "--kafka-port", "0", "--registry-port", "0", "--data-dir", data.toString());

        assertThat(lines).contains(String.format("  rows read      %,12d", ROWS));
        assertThat(lines).contains(String.format("  rows loaded    %,12d", ROWS - expected.badRows()));
        assertThat(lines).anyMatch(line -> line.startsWith(String.format(
                "  rows rejected  %,12d   -> dead-letter topic conveyor.dlq.orders-example", expected.badRows())));
        assertThat(lines).anyMatch(line -> line.matches("Run orders-example@m-\\w+ finished: SUCCEEDED_WITH_REJECTS"));
        assertThat(lines).last().asString().isEqualTo("Conveyor stopped.");
    }

    /**
     * Runs the launcher from the repository root and answers what it printed, once it exited 0
     * without logging an error (the console shows the services' ERROR lines; a clean start and
     * stop has none).
     */
    private static List<String> launch(Path output, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), ConveyorLauncher.class.getName()));
        command.addAll(List.of(arguments));
        Process launcher = new ProcessBuilder(command)
                .directory(Path.of("..").toAbsolutePath().normalize().toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(launcher.waitFor(5, TimeUnit.MINUTES)).as("%s finished in time", List.of(arguments)).isTrue();
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(launcher.exitValue()).as("exit code of %s; it printed %s", List.of(arguments), lines).isZero();
            assertThat(lines).as("errors logged by %s", List.of(arguments)).noneMatch(line -> line.contains(" ERROR "));
            return lines;
        } finally {
            launcher.destroyForcibly();
        }
    }
}
