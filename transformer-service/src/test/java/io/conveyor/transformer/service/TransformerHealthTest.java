package io.conveyor.transformer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.conveyor.transformer.TransformerApplication;
import io.conveyor.transformer.plugin.RecordTransform;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transformer's probes tell the truth: a dead worker takes liveness down; readiness waits for Kafka and the group. */
@ExtendWith(ConveyorStackExtension.class)
class TransformerHealthTest {

    private static final Schema ROW = new Schema.Parser().parse("""
            {"type": "record", "name": "Row", "fields": [{"name": "id", "type": ["null", "string"]}]}""");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A plug-in with a bug no rule can catch: an {@link Error} escapes the worker's loop and kills its thread. */
    public static final class Overflows implements RecordTransform {
        @Override
        public Verdict apply(Row row, TransformContext context) {
            throw new StackOverflowError("custom rule recursed without end");
        }
    }

    private final ConveyorStack stack;

    TransformerHealthTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @Test
    void aWorkerThreadKilledByAnErrorTakesLivenessDownWithTheWorkerAndTheReason() throws Exception {
        TopicNames names = new TopicNames(ConveyorStack.uniqueName("tfhealth"));
        String input = names.data("p", "extract");
        String output = names.data("p", "copy");
        stack.createTopics(1, input, output, names.taskCommands(TaskKind.TRANSFORM), names.runs(), names.taskStatus(),
                names.deadLetters("p"));
        DataTopics topics = new DataTopics(stack);
        TaskSpec copy = PipelineLoader.parse("""
                name: p
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/p.csv}
                  - id: copy
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - custom: {class: io.conveyor.transformer.service.TransformerHealthTest$Overflows}
                    schema: {type: record, name: Row, fields: [{name: id, type: ["null", string]}]}
                """, "p.yaml").task("copy").orElseThrow();
        Map<String, Object> properties = properties(stack.bootstrapServers(), names);
        properties.put("conveyor.transformer.plugin-allow", Overflows.class.getName());

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, TransformerApplication.ENVIRONMENT)) {
            Probe ready = awaitProbe(server, "/health/readiness", probe -> probe.status() == 200);
            assertThat(ready.body()).contains("\"kafka\":\"reachable\"", "\"schema-registry\":\"reachable\"");
            assertThat(get(server, "/health/liveness").status()).as("alive before the fault").isEqualTo(200);

            topics.publish(names.taskCommands(TaskKind.TRANSFORM), "p@m-1", TaskCommand.newBuilder().setRunId("p@m-1")
                    .setPipeline("p").setTaskId("copy").setKind(TaskKind.TRANSFORM).setAction(TaskAction.START)
                    .setConfig(copy.canonicalJson()).setInputTopics(List.of(input)).setOutputTopic(output)
                    .setDeadLetterTopic(names.deadLetters("p")).setIssuedAt(Instant.now()).build());
            topics.produceRun(input, "p@m-1", "extract", 1,
                    List.of(new DataTopics.Data(0, "k", new GenericRecordBuilder(ROW).set("id", "1").build())));

            Probe dead = awaitProbe(server, "/health/liveness", probe -> probe.status() != 200);
            assertThat(dead.status()).isEqualTo(503);
            assertThat(dead.body()).contains("\"status\":\"DOWN\"",
                    "\"transform-p.copy\":\"died: java.lang.StackOverflowError: custom rule recursed without end\"");
            assertThat(get(server, "/health").status()).as("the overall health too").isEqualTo(503);
        }
    }

    @Test
    void readinessIsDownWhileKafkaDoesNotAnswerAndNamesWhatIsMissing() throws Exception {
        TopicNames names = new TopicNames(ConveyorStack.uniqueName("tfnokafka"));
        // Nobody listens on a port that was just free: the feed cannot get its partitions, the Kafka check fails.
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                properties("127.0.0.1:" + freePort(), names), TransformerApplication.ENVIRONMENT)) {
            // The dependency checks run one after the other: the registry's answer comes after Kafka's timeout.
            Probe probe = awaitProbe(server, "/health/readiness", answer -> answer.body().contains("\"kafka\":\"does not answer")
                    && !answer.body().contains("\"schema-registry\":\"not checked yet\""));

            assertThat(probe.status()).isEqualTo(503);
            assertThat(probe.body()).contains("\"status\":\"DOWN\"",
                    "has not joined its consumer group yet", "\"schema-registry\":\"reachable\"");
            assertThat(get(server, "/health/liveness").status()).as("nothing died: no reason to restart").isEqualTo(200);
        }
    }

    private Map<String, Object> properties(String bootstrapServers, TopicNames names) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("conveyor.kafka.bootstrap-servers", bootstrapServers);
        properties.put("conveyor.kafka.schema-registry.url", stack.registryUrl());
        properties.put("conveyor.kafka.topic-prefix", names.prefix());
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        return properties;
    }

    record Probe(int status, String body) {
    }

    private static Probe awaitProbe(EmbeddedServer server, String path, Predicate<Probe> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Probe last = get(server, path);
        while (!until.test(last)) {
            assertThat(System.nanoTime()).as("%s never answered as expected; last: %s", path, last).isLessThan(deadline);
            Thread.sleep(200);
            last = get(server, path);
        }
        return last;
    }

    private static Probe get(EmbeddedServer server, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Probe(response.statusCode(), response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
