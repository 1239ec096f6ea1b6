package io.conveyor.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.extractor.source.http.FakeApi;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class CancelTest {

    /**
     * START and CANCEL of one attempt arrive together: the attempt never starts, both commands are
     * done (committed), so no other instance picks the attempt up, and nothing reaches the output.
     */
    @Test
    void aCancelledAttemptProducesNothingAndItsCommandIsDone(ConveyorStack stack) throws Exception {
        ExtractorHarness harness = new ExtractorHarness(stack, "cancel");
        String output = harness.createOutput("api", 2);
        try (FakeApi api = new FakeApi(6)) {
            String config = TaskConfigs.canonicalTaskJson("cancel", """
                      - id: api
                        kind: extract
                        batchSize: 2
                        source: {type: http, url: "%s", itemsPath: /data, pagination: {type: page, pageParam: page}}
                    """.formatted(api.url("/pages")));
            harness.send("cancel@m-1", "api", TaskAction.START, 1, config);
            harness.send("cancel@m-1", "api", TaskAction.CANCEL, 1, "{}");
            try (ApplicationContext extractor = harness.startExtractor("c")) {
                awaitCommitted(stack, harness, 2);
            }
            assertThat(api.requests()).isEmpty();
        }
        assertThat(harness.readAll(output)).isEmpty();
        assertThat(harness.readAll(harness.names.taskStatus())).isEmpty();
    }

    /**
     * A CANCEL for a running attempt: it ends at a batch boundary with its open batch aborted, long
     * before the 50 batches of its input are done, reports nothing more, and its command is done.
     */
    @Test
    void aRunningAttemptStopsAtABatchBoundary(ConveyorStack stack) throws Exception {
        ExtractorHarness harness = new ExtractorHarness(stack, "cancel2");
        String output = harness.createOutput("api", 2);
        try (FakeApi api = new FakeApi(100)) {
            api.hold(2);
            String config = TaskConfigs.canonicalTaskJson("cancel2", """
                      - id: api
                        kind: extract
                        batchSize: 2
                        source: {type: http, url: "%s", itemsPath: /data, pagination: {type: page, pageParam: page}}
                    """.formatted(api.url("/pages")));
            try (ApplicationContext extractor = harness.startExtractor("c2")) {
                harness.send("cancel2@m-1", "api", TaskAction.START, 1, config);
                api.awaitRequest("page=2", ExtractorHarness.PATIENCE);
                harness.send("cancel2@m-1", "api", TaskAction.CANCEL, 1, "{}");
                api.release();
                awaitCommitted(stack, harness, 2);
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = harness.readAll(output);
        assertThat(records).noneMatch(ExtractorHarness::isEnd);
        assertThat(records.size()).isGreaterThanOrEqualTo(2).isLessThan(100);
        assertThat(harness.statusesUntil("cancel2@m-1", "api", s -> s.getState() == TaskStatusType.STARTED))
                .extracting(TaskStatus::getState).containsExactly(TaskStatusType.STARTED);
        assertThat(harness.readAll(harness.names.taskStatus())).hasSize(1);
    }

    private static void awaitCommitted(ConveyorStack stack, ExtractorHarness harness, long offset) throws Exception {
        TopicPartition commands = new TopicPartition(harness.names.taskCommands(TaskKind.EXTRACT), 0);
        Instant deadline = Instant.now().plus(ExtractorHarness.PATIENCE);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(harness.names.prefix() + "-extractor")
                        .partitionsToOffsetAndMetadata().get().get(commands);
                if (committed != null && committed.offset() >= offset) {
                    assertThat(committed.offset()).isEqualTo(offset);
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("the extractor did not commit command offset " + offset + "; committed: " + committed);
                }
                Thread.sleep(100);
            }
        }
    }
}
