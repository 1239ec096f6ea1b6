package io.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.launcher.example.SampleOrders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a user runs it: the launcher's default command in its own JVM from
 * the repository root, the example pipeline end to end into the embedded warehouse, and the
 * summary it ends with checked against what the sample data must give.
 */
class ExampleProcessTest {

    private static final int ROWS = 20_000;

    @Test
    void theExampleRunsEndToEndAndItsSummaryIsExact(@TempDir Path temp) throws Exception {
        SampleOrders.Written expected = SampleOrders.write(temp.resolve("expected.csv"), ROWS, 42);
        Path output = temp.resolve("example.out");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ConveyorLauncher.class.getName(),
                "example", "--rows", Integer.toString(ROWS),
                "--kafka-port", "0", "--registry-port", "0", "--data-dir", temp.resolve("data").toString())
                .directory(Path.of("..").toAbsolutePath().normalize().toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(launcher.waitFor(5, TimeUnit.MINUTES)).as("the example finished in time").isTrue();
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(launcher.exitValue()).as("exit code; it printed %s", lines).isZero();

            assertThat(lines).contains(String.format("  rows read      %,12d", ROWS));
            // The example drops nothing on purpose, so every row read is loaded or rejected.
            assertThat(lines).contains(String.format("  rows dropped   %,12d", 0));
            assertThat(lines).contains(String.format("  rows loaded    %,12d", ROWS - expected.badRows()));
            assertThat(lines).anyMatch(line -> line.startsWith(String.format("  rows rejected  %,12d   -> dead-letter topic conveyor.dlq.orders-example",
                    expected.badRows())));
            assertThat(lines).contains(String.format("Warehouse table orders holds %,d orders; the sample data should give %,d orders"
                    + " and %,d rejects: exact", expected.distinctValidOrders(), expected.distinctValidOrders(), expected.badRows()));
            assertThat(lines).anyMatch(line -> line.matches("Run orders-example@m-\\w+ finished: SUCCEEDED_WITH_REJECTS"));
            assertThat(lines).anyMatch(line -> line.matches("\\s+[0-9.]+s\\s+RUNNING .*extract running.*"));
            assertThat(lines).anyMatch(line -> line.startsWith("    TRANSFORM / regex#5 / customer_email:"));
            assertThat(lines).last().asString().contains("Dead letters:");
        } finally {
            launcher.destroyForcibly();
        }
    }
}
