package io.conveyor.launcher;

import io.conveyor.launcher.example.SampleOrders;
import io.conveyor.launcher.example.WarehouseTable;
import io.conveyor.launcher.run.RunReport;
import io.conveyor.pipeline.spec.PipelineSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The example: generates an orders CSV with bad rows on purpose, runs the shipped example
 * pipeline on the local stack, and checks the outcome against what the data should give.
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Runs the example orders pipeline end to end on the local stack and prints what happened.")
final class ExampleCommand implements Callable<Integer> {

    static final Path PIPELINE = Path.of("examples", "orders", "pipeline.yaml");
    private static final long SEED = 42;

    @Mixin
    StackOptions stack;

    @Option(names = "--rows", defaultValue = "100000", description = "Rows of sample data (default ${DEFAULT-VALUE}).")
    int rows = 100_000;

    @Option(names = "--keep-running", description = "Keep the stack running after the example until Ctrl-C.")
    boolean keepRunning;

    private final PrintStream out;

    ExampleCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return run(stack);
    }

    int run(StackOptions options) throws Exception {
        LauncherSettings settings = options.settings();
        PipelineSpec pipeline = LocalRun.validate(PIPELINE);
        SampleOrders.Written data = SampleOrders.write(settings.dataDirectory().resolve("example").resolve("orders.csv"), rows, SEED);
        out.printf("Sample data: %s (%,d rows, %,d bad on purpose, %,d repeated order ids)%n", data.file(), data.rows(),
                data.badRows(), data.duplicateIds());
        RunReport report;
        try (LocalSession session = LocalSession.start(settings, out)) {
            report = LocalRun.runAndReport(session, pipeline, PIPELINE, Map.of("input", data.file().toString()), out);
            if (keepRunning) {
                session.keepRunning();
            }
        }
        long orders = WarehouseTable.count(settings.warehouse(), "orders");
        boolean exact = report.rejected() == data.badRows() && orders == data.distinctValidOrders();
        out.println();
        out.printf("Warehouse table orders holds %,d orders; the sample data should give %,d orders and %,d rejects: %s%n",
                orders, data.distinctValidOrders(), data.badRows(), exact ? "exact" : "MISMATCH");
        out.println("Query it:       duckdb " + settings.warehouse() + " \"SELECT country, count(*), sum(amount) FROM orders GROUP BY 1\"");
        out.println("                (or JDBC: jdbc:duckdb:" + settings.warehouse() + ")");
        out.println("Dead letters:   topic " + report.deadLetterTopic() + " (Avro, Confluent wire format); "
                + "'bin/conveyor-local serve' keeps the broker up to consume it");
        out.flush();
        return LocalRun.succeeded(report) && exact ? 0 : 1;
    }
}
