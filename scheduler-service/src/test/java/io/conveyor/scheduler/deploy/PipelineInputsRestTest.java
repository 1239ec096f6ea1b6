package io.conveyor.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.scheduler.RestApiServers;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.conveyor.testkit.Mutations;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile and damaged pipeline files over REST, on the real broker and registry: alias bombs and
 * oversized files are refused with 422 naming the limit and leave no topic behind, and no mutant of
 * a valid file gets a 5xx.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineInputsRestTest {

    private final ConveyorStack stack;
    private final TopicNames topics = new TopicNames(ConveyorStack.uniqueName("inputs"));
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;

    PipelineInputsRestTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void start() {
        stack.createTopics(1, topics.triggers());
        server = RestApiServers.start(stack, topics, Map.of("conveyor.alerts.webhooks", "ops:json:http://127.0.0.1:9/hook"));
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void aliasBombsGet422WithinASecond() throws Exception {
        for (String bomb : List.of(nestedAliasBomb(), "name: loop\ntasks:\n  - id: t\n    kind: transform\n"
                + "    schema: &s {type: record, name: r, fields: [*s]}\n")) {
            long start = System.nanoTime();
            HttpResponse<String> answer = deploy("bomb.yaml", bomb);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.body()).contains("bomb.yaml:").containsAnyOf("(the limit)", "recursive alias");
        }
    }

    @Test
    void aPipelineOverTheSizeLimitGets422NamingTheLimitAndCreatesNoTopic() throws Exception {
        String yaml = """
                name: oversized
                description: %s
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/in.csv}
                """.formatted("x".repeat(PipelineDeployer.MAX_DEFINITION_BYTES));

        HttpResponse<String> answer = deploy("oversized.yaml", yaml);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("oversized.yaml:1:1:").contains("limit of 524,288 bytes");
        assertThat(topicsNaming("oversized")).isEmpty();
    }

    @Test
    void aPipelineMayNameOnlyTheAlertChannelsThisSchedulerDefinesAndNeverAUrl() throws Exception {
        String yaml = """
                name: alert-channels
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/in.csv}
                alerts:
                  channels: [ops, "http://169.254.169.254/latest"]
                """;

        HttpResponse<String> refused = deploy("alert-channels.yaml", yaml);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("alert-channels.yaml:7:19: alerts.channels[1]: no alert channel"
                + " 'http://169.254.169.254/latest' is defined on this scheduler (conveyor.alerts.webhooks: ops)");
        assertThat(topicsNaming("alert-channels")).isEmpty();
        HttpResponse<String> accepted = deploy("alert-channels.yaml", yaml.replace(", \"http://169.254.169.254/latest\"", ""));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheServersRequestLimitGets413AndCreatesNoTopic() throws Exception {
        String yaml = "name: enormous\ndescription: " + "x".repeat(11 * 1024 * 1024) + "\n";

        HttpResponse<String> answer = deploy("enormous.yaml", yaml);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(topicsNaming("enormous")).isEmpty();
    }

    @Test
    void threeHundredMutatedPipelinesNeverGetA5xx() throws Exception {
        String example = Files.readString(Path.of("../examples/orders/pipeline.yaml"));
        long seed = Mutations.seed();
        System.out.println("PipelineInputsRestTest seed " + seed);
        Mutations mutations = new Mutations(seed);
        for (int i = 0; i < 300; i++) {
            // A distinct name per mutant keeps deploys independent of each other; a mutant that loses
            // its name line is refused anyway.
            String mutant = mutations.mutate(example.replace("name: orders-example", "name: fuzz-" + i));
            HttpResponse<String> answer = deploy("mutant.yaml", mutant);
            assertThat(answer.statusCode()).as("seed %d mutant %d: %s\n%s", seed, i, answer.body(), mutant)
                    .isBetween(200, 499);
        }
    }

    static String nestedAliasBomb() {
        StringBuilder yaml = new StringBuilder("name: bomb\ntasks:\n  - id: t\n    kind: transform\n    schema:\n");
        yaml.append("      l0: &l0 [x, x, x, x, x, x]\n");
        for (int level = 1; level <= 8; level++) {
            String previous = "*l" + (level - 1);
            yaml.append("      l%d: &l%d [%s]\n".formatted(level, level, String.join(", ", List.of(previous, previous,
                    previous, previous, previous, previous))));
        }
        return yaml.toString();
    }

    private Set<String> topicsNaming(String pipeline) throws Exception {
        try (Admin admin = Admin.create(stack.clientConfig())) {
            return admin.listTopics().names().get().stream().filter(topic -> topic.contains(pipeline)).collect(Collectors.toSet());
        }
    }

    private HttpResponse<String> deploy(String file, String yaml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/pipelines?file=" + file))
                .header("Content-Type", "text/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
