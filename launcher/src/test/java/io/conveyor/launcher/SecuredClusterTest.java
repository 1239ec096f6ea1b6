package io.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.launcher.example.SampleOrders;
import io.conveyor.launcher.run.PipelineRun;
import io.conveyor.launcher.run.RunView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conveyor against a secured cluster: the broker's only listener the stack may use is
 * SASL_PLAINTEXT (PLAIN), and the credentials reach every client of every service (the registry's
 * store, the topic creators of the scheduler, extractor, transformer dedupe and stray quarantine,
 * the workers' consumers and producers, the tracker's Kafka Streams) only through the shared
 * {@code conveyor.kafka.properties.*}. A client that dropped them would not authenticate, and the
 * run would not finish.
 */
class SecuredClusterTest {

    private static final Map<String, String> USERS = Map.of("conveyor", "conveyor-secret");

    @Test
    void aPipelineRunsToCompletionWhenEveryClientAuthenticatesThroughTheSharedProperties(@TempDir Path data) throws Exception {
        LauncherSettings settings = new LauncherSettings(0, 0, Files.createDirectories(data.resolve("stack")));
        // Inside the stack's data directory, where the extractor may read files.
        SampleOrders.Written orders = SampleOrders.write(settings.dataDirectory().resolve("orders.csv"), 400, 7);
        Path pipeline = data.resolve("pipeline.yaml");
        Files.writeString(pipeline, PIPELINE);

        try (LocalStack stack = LocalStack.start(settings, USERS,
                EmbeddedKafkaBroker.saslPlainClientProperties("conveyor", "conveyor-secret"))) {
            assertThat(stack.kafka().bootstrapServers()).isNotEqualTo(stack.bootstrapServers());
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            PipelineRun.Finished finished = new PipelineRun(new io.conveyor.launcher.run.SchedulerClient(
                    stack.service("scheduler").url()), new PrintStream(progress, true, StandardCharsets.UTF_8), Clock.systemUTC())
                    .run(pipeline, Map.of("input", orders.file().toString()));

            RunView view = finished.view();
            assertThat(view.status()).as(progress.toString(StandardCharsets.UTF_8)).isEqualTo("SUCCEEDED_WITH_REJECTS");
            assertThat(task(view, "extract").recordsIn()).isEqualTo(orders.rows());
            assertThat(task(view, "clean").recordsRejected()).isEqualTo(orders.badRows());
            assertThat(task(view, "load").recordsIn()).isEqualTo(task(view, "clean").recordsOut()).isPositive();
            assertThat(task(view, "load").recordsOut()).isEqualTo(task(view, "load").recordsIn());
        }
    }

    @Test
    void aWrongPasswordFailsTheStartWithTheAuthenticationError(@TempDir Path data) {
        LauncherSettings settings = new LauncherSettings(0, 0, data.resolve("stack"));

        assertThatThrownBy(() -> LocalStack.start(settings, USERS,
                EmbeddedKafkaBroker.saslPlainClientProperties("conveyor", "wrong")).close())
                .satisfies(failure -> assertThat(causes(failure)).contains("Authentication failed"));
    }

    private static RunView.TaskView task(RunView view, String id) {
        return view.tasks().stream().filter(task -> task.taskId().equals(id)).findFirst().orElseThrow();
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }

    /** The example pipeline with a dedupe rule, so the transformer's changelog is created as well. */
    private static final String PIPELINE = """
            name: secured-orders
            parameters:
              input: none
            tasks:
              - id: extract
                kind: extract
                key: [order_id]
                batchSize: 100
                source:
                  type: csv
                  path: ${input}
              - id: clean
                kind: transform
                dependsOn: [extract]
                key: [order_id]
                rules:
                  - trim: [country, status, customer_email]
                  - case: {fields: [country, status], to: upper}
                  - nullTokens: {fields: [amount, created_at], tokens: ["", "N/A"]}
                  - required: [order_id, customer_email, amount, created_at]
                  - regex: {field: customer_email, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'}
                  - coerce: {field: order_id, type: long}
                  - coerce: {field: amount, type: "decimal(12,2)"}
                  - coerce: {field: created_at, type: timestamp}
                  - allowed: {field: status, values: [NEW, PAID, SHIPPED, DELIVERED, CANCELLED]}
                  - length: {field: country, min: 2, max: 2}
                  - dedupe: {key: [order_id], keep: last}
                schema:
                  type: record
                  name: Order
                  namespace: io.conveyor.example
                  fields:
                    - {name: order_id, type: long}
                    - {name: customer_email, type: string}
                    - {name: country, type: string}
                    - {name: amount, type: {type: bytes, logicalType: decimal, precision: 12, scale: 2}}
                    - {name: currency, type: string}
                    - {name: status, type: string}
                    - {name: created_at, type: {type: long, logicalType: timestamp-micros}}
                    - {name: note, type: ["null", string], default: null}
                    - {name: shipping_address, type: ["null", string], default: null}
              - id: load
                kind: load
                dependsOn: [clean]
                key: [order_id]
                sink:
                  type: warehouse
                  table: orders
                  mode: upsert
            """;
}
