package io.conveyor.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.extractor.source.http.FakeApi;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An extractor stopped in the middle of a task, gracefully or by being fenced as a zombie, leaves the
 * task to the next instance, which resumes after the last committed batch: every record exactly once.
 * The API holds page 4 back, so the first extractor is always caught with a batch open.
 */
@ExtendWith(ConveyorStackExtension.class)
class RestartTest {

    private static final int ITEMS = 12;

    @Test
    void aGracefullyStoppedExtractorsTaskIsResumedByTheNextOne(ConveyorStack stack) throws Exception {
        ExtractorHarness harness = new ExtractorHarness(stack, "restart");
        String output = harness.createOutput("api", 3);
        try (FakeApi api = new FakeApi(ITEMS)) {
            api.hold(4);
            ApplicationContext first = harness.startExtractor("first");
            harness.start("restart@m-1", "api", config(api));
            api.awaitRequest("page=4", ExtractorHarness.PATIENCE);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(first::close);
            api.release();
            stopped.join();
            try (ApplicationContext second = harness.startExtractor("second")) {
                List<TaskStatus> statuses = harness.awaitState("restart@m-1", "api", TaskStatusType.SUCCEEDED);
                assertThat(statuses).filteredOn(s -> s.getState() == TaskStatusType.STARTED).last()
                        .satisfies(s -> assertThat(s.getMessage()).startsWith("resuming at"));
            }
        }
        assertExactlyOnce(harness, output);
    }

    @Test
    void aZombieIsFencedByItsRestartedInstanceWhichResumes(ConveyorStack stack) throws Exception {
        ExtractorHarness harness = new ExtractorHarness(stack, "zombie");
        String output = harness.createOutput("api", 3);
        try (FakeApi api = new FakeApi(ITEMS)) {
            api.hold(4);
            try (ApplicationContext zombie = harness.startExtractor("same");
                 ApplicationContext restarted = startAfterRequest(harness, api)) {
                api.release();
                harness.awaitState("zombie@m-1", "api", TaskStatusType.SUCCEEDED);
            }
        }
        assertExactlyOnce(harness, output);
    }

    private static ApplicationContext startAfterRequest(ExtractorHarness harness, FakeApi api) throws InterruptedException {
        harness.start("zombie@m-1", "api", config(api));
        api.awaitRequest("page=4", ExtractorHarness.PATIENCE);
        return harness.startExtractor("same");
    }

    private static String config(FakeApi api) {
        return TaskConfigs.canonicalTaskJson("restart", """
                  - id: api
                    kind: extract
                    batchSize: 4
                    key: [id]
                    source: {type: http, url: "%s", itemsPath: /data,
                             pagination: {type: page, pageParam: page, sizeParam: size, pageSize: 2}}
                """.formatted(api.url("/pages")));
    }

    private static void assertExactlyOnce(ExtractorHarness harness, String output) {
        List<ConsumerRecord<byte[], byte[]>> records = harness.readAll(output);
        List<String> ids = records.stream().filter(r -> !ExtractorHarness.isEnd(r))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false).get("id").toString()).toList();
        assertThat(ids).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        CsvExtractionTest.assertEndMarkers(records, 3);
    }
}
