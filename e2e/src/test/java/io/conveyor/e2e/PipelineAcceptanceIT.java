package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.DeadLetterQueue;
import io.conveyor.e2e.harness.DeadLetterQueue.Letter;
import io.conveyor.e2e.harness.DocumentedHeaders;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.e2e.harness.RunChecks;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.TargetDatabase;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #5's acceptance run: an Avro trigger event on the trigger topic starts a run that goes
 * scheduler -> DAG tracker -> extractor -> transformer -> loader -> PostgreSQL, each service a
 * separate process, over 100,000 CSV rows of which a known set is bad at each stage.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineAcceptanceIT {

    private static final CustomerCsv CSV = new CustomerCsv(100_000, 0, 10_000);

    private ServiceFleet fleet;
    private TargetDatabase database;
    private CustomerPipeline pipeline;
    private List<Letter> deadLetters;
    private JsonNode detail;
    private String runId;

    @BeforeAll
    void runThePipelineOnce(ConveyorStack stack) throws Exception {
        String installation = ConveyorStack.uniqueName("accept");
        fleet = new ServiceFleet(stack, installation, 2);
        database = new TargetDatabase(installation.replace('-', '_'));
        Path csv = Files.createDirectories(fleet.logs()).resolve("customers.csv");
        CSV.write(csv);
        pipeline = new CustomerPipeline("customers", csv, database.schema(), "customers", 2000);
        pipeline.createTopics(stack, fleet.names(), 3);
        database.createCustomers(pipeline.table());

        var scheduler = fleet.scheduler("scheduler-1");
        ServiceFleet.startAll(List.of(scheduler, fleet.extractor("extractor-1", "256m"),
                fleet.transformer("transformer-1", "256m"), fleet.loader("loader-1", "256m")));
        StackPipelines pipelines = new StackPipelines(stack, fleet.names(), scheduler);
        pipelines.deploy(pipeline.yaml(), "customers.yaml");

        runId = pipelines.startWithTriggerEvent(pipeline.name(), "acceptance-1");
        detail = pipelines.awaitOutcome(runId, Duration.ofMinutes(5));
        deadLetters = new DeadLetterQueue(stack).readAll(fleet.names().deadLetters(pipeline.name()));
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theTableHoldsExactlyTheGoodRows() {
        RunChecks.assertLoaded(database, pipeline.table(), CSV);
    }

    @Test
    void theRunDetailReportsTheOutcomeTaskStatesAndCounts() {
        RunChecks.assertRunDetail(detail, CSV);
        assertThat(detail.at("/run/runId").asText()).isEqualTo(runId);
        assertThat(detail.at("/run/trigger").asText()).isEqualTo("MANUAL");
        assertThat(detail.at("/failedTasks")).isEmpty();
        // The transformer and loader report each of the three input partitions done.
        assertThat(detail.at("/tasks/1/partitions/done").size()).isEqualTo(3);
        assertThat(detail.at("/tasks/2/partitions/done").size()).isEqualTo(3);
    }

    @Test
    void everyBadRowIsInTheDeadLetterTopicOnceWithConnectHeadersAndItsOriginalPayload() {
        List<Letter> letters = RunChecks.assertDeadLetters(deadLetters, runId, CSV);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.headers()).containsEntry("__connect.errors.stage", letter.stage())
                    .containsEntry("__connect.errors.exception.message", letter.value().getMessage())
                    .containsEntry("__connect.errors.connector.name", pipeline.name())
                    .containsEntry("conveyor.errors.run-id", runId);
            // A rule's verdict is no exception: only rejects caused by one name its class.
            if (letter.value().getExceptionClass() != null) {
                assertThat(letter.headers()).containsEntry("__connect.errors.exception.class.name", letter.value().getExceptionClass());
            }
        });
        assertThat(letters).filteredOn(letter -> letter.stage().equals("EXTRACT"))
                .allSatisfy(letter -> assertThat(letter.headers()).containsKey("__connect.errors.exception.class.name"));

        List<String> extractPayloads = letters.stream().filter(letter -> letter.stage().equals("EXTRACT"))
                .map(letter -> text(letter.value().getOriginalValue()).strip()).sorted().toList();
        List<String> expectedLines = LongStream.rangeClosed(1, CSV.rows())
                .filter(i -> CSV.fate(i) == CustomerCsv.Fate.EXTRACT_REJECT).mapToObj(CSV::line).sorted().toList();
        assertThat(extractPayloads).isEqualTo(expectedLines);

        // Transform and load dead letters carry the record they consumed, framed as it was on its topic.
        assertThat(letters.stream().filter(letter -> !letter.stage().equals("EXTRACT"))).allSatisfy(letter -> {
            assertThat(letter.headers()).containsKeys("__connect.errors.topic", "__connect.errors.partition", "__connect.errors.offset");
            ByteBuffer payload = letter.value().getOriginalValue();
            assertThat(payload.remaining()).isGreaterThan(5);
            assertThat(payload.get(payload.position())).as("Confluent magic byte").isEqualTo((byte) 0);
        });
        assertThat(letters.stream().filter(letter -> letter.stage().equals("TRANSFORM")).map(letter -> letter.value().getSourceTopic()))
                .containsOnly(fleet.names().data(pipeline.name(), CustomerPipeline.EXTRACT));
        assertThat(letters.stream().filter(letter -> letter.stage().equals("LOAD")).map(letter -> letter.value().getSourceTopic()))
                .containsOnly(fleet.names().data(pipeline.name(), CustomerPipeline.CLEAN));
    }

    /**
     * The header table of docs/architecture.md is the contract: every dead letter of every stage
     * carries exactly the headers it lists for that stage, with the values of the envelope, and no
     * error header it does not list.
     */
    @Test
    void everyDeadLetterCarriesTheHeadersTheDocsListForItsStage() throws IOException {
        List<DocumentedHeaders.Header> documented = DocumentedHeaders.read();
        Set<String> names = documented.stream().map(DocumentedHeaders.Header::name).collect(Collectors.toSet());
        List<Letter> letters = deadLetters.stream().filter(letter -> runId.equals(letter.runId())).toList();
        assertThat(letters.stream().map(Letter::stage).distinct()).as("stages with dead letters")
                .containsExactlyInAnyOrder("EXTRACT", "TRANSFORM", "LOAD");
        assertThat(expectedHeaders(letters.get(0)).keySet()).as("the headers %s documents", DocumentedHeaders.DOCS)
                .containsExactlyInAnyOrderElementsOf(names);

        for (Letter letter : letters) {
            Map<String, String> expected = expectedHeaders(letter);
            for (DocumentedHeaders.Header header : documented) {
                String name = header.name();
                String what = name + " of a " + letter.stage() + " dead letter with headers " + letter.headers();
                switch (header.byStage().get(letter.stage())) {
                    case YES -> assertThat(letter.headers()).as(what).containsEntry(name, expected.get(name))
                            .extractingByKey(name).isNotNull();
                    case IF_ANY -> {
                        if (expected.get(name) == null) {
                            assertThat(letter.headers()).as(what).doesNotContainKey(name);
                        } else {
                            assertThat(letter.headers()).as(what).containsEntry(name, expected.get(name));
                        }
                    }
                    case NO -> assertThat(letter.headers()).as(what).doesNotContainKey(name);
                }
            }
            assertThat(letter.headers().keySet().stream().filter(key -> key.startsWith("__connect.") || key.startsWith("conveyor.")))
                    .as("headers of a %s dead letter that %s does not document", letter.stage(), DocumentedHeaders.DOCS)
                    .allMatch(names::contains);
        }
    }

    /** What each documented header must say about {@code letter}, taken from its envelope; null where it has nothing. */
    private Map<String, String> expectedHeaders(Letter letter) {
        var value = letter.value();
        Map<String, String> expected = new HashMap<>();
        expected.put("__connect.errors.topic", value.getSourceTopic());
        expected.put("__connect.errors.partition", value.getSourcePartition() == null ? null : value.getSourcePartition().toString());
        expected.put("__connect.errors.offset", value.getSourceOffset() == null ? null : value.getSourceOffset().toString());
        expected.put("__connect.errors.source.position", value.getSourcePosition());
        expected.put("__connect.errors.connector.name", pipeline.name());
        expected.put("__connect.errors.task.id", value.getTaskId());
        expected.put("__connect.errors.stage", letter.stage());
        expected.put("__connect.errors.exception.class.name", value.getExceptionClass());
        expected.put("__connect.errors.exception.message", value.getMessage());
        expected.put("conveyor.errors.rule", value.getRule());
        expected.put("conveyor.errors.field", value.getField());
        expected.put("conveyor.errors.run-id", runId);
        expected.put("conveyor.run-id", runId);
        expected.put("conveyor.task", switch (letter.stage()) {
            case "TRANSFORM" -> CustomerPipeline.EXTRACT;
            case "LOAD" -> CustomerPipeline.CLEAN;
            default -> value.getTaskId();
        });
        return expected;
    }

    private static String text(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] array = new byte[copy.remaining()];
        copy.get(array);
        return new String(array, StandardCharsets.UTF_8);
    }
}
