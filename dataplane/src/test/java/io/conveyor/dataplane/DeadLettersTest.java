package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anItemOfANonKafkaSourceSaysWhereItWasUnderTheConnectStyleName() {
        RecordHeaders original = new RecordHeaders();
        original.add(DataHeaders.RUN_ID, DataHeaders.bytes("orders@m-1"));
        DeadLetter letter = DeadLetters.letter(Stage.EXTRACT, "orders", "orders@m-1", "extract", 2, "/in/orders.csv:4",
                "3,\"a\"b".getBytes(StandardCharsets.UTF_8),
                new RejectReason(null, null, "unbalanced quote", "java.io.IOException"), NOW);

        Map<String, String> headers = text(DeadLetters.headers(letter, original));

        assertThat(letter.getSourcePosition()).isEqualTo("/in/orders.csv:4");
        assertThat(letter.getAttempt()).isEqualTo(2);
        assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalValue()).toString()).isEqualTo("3,\"a\"b");
        assertThat(headers).containsExactly(
                Map.entry(DataHeaders.RUN_ID, "orders@m-1"),
                Map.entry("__connect.errors.source.position", "/in/orders.csv:4"),
                Map.entry("__connect.errors.connector.name", "orders"),
                Map.entry("__connect.errors.task.id", "extract"),
                Map.entry("__connect.errors.stage", "EXTRACT"),
                Map.entry("__connect.errors.exception.class.name", "java.io.IOException"),
                Map.entry("__connect.errors.exception.message", "unbalanced quote"),
                Map.entry("conveyor.errors.run-id", "orders@m-1"));
    }

    @Test
    void aRecordRejectedAgainAfterAReplayIsLinkedToItsFirstLetterOneAttemptFurther() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DataHeaders.RUN_ID, DataHeaders.bytes("orders@m-replay"));
        headers.add(ReplayHeaders.LETTER, DataHeaders.bytes("1-17"));
        headers.add(ReplayHeaders.ATTEMPT, DataHeaders.bytes("2"));
        headers.add(ReplayHeaders.ORIGINAL_RUN, DataHeaders.bytes("orders@m-first"));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("conveyor.data.orders.clean", 1, 40L, -1L,
                TimestampType.CREATE_TIME, 0, 0, null, new byte[] {0, 0, 0, 0, 1}, headers, Optional.empty());
        TaskCommand command = TaskCommand.newBuilder().setRunId("orders@m-replay").setPipeline("orders").setTaskId("load")
                .setKind(TaskKind.LOAD).setAttempt(1).setIssuedAt(NOW).build();

        DeadLetter letter = DeadLetters.letter(Stage.LOAD, command, record,
                new RejectReason("check", "amount", "violates amount_below_limit", null), NOW);

        assertThat(letter.getReplayAttempt()).isEqualTo(3);
        assertThat(letter.getFirstLetter()).isEqualTo("1-17");
        assertThat(letter.getOriginalRunId()).isEqualTo("orders@m-first");
        assertThat(letter.getRunId()).isEqualTo("orders@m-replay");
    }

    @Test
    void aRecordOfAnOrdinaryRunIsAFirstLetter() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("conveyor.data.orders.clean", 0, 3L, null, new byte[] {1});
        TaskCommand command = TaskCommand.newBuilder().setRunId("orders@m-1").setPipeline("orders").setTaskId("load")
                .setKind(TaskKind.LOAD).setIssuedAt(NOW).build();

        DeadLetter letter = DeadLetters.letter(Stage.LOAD, command, record, new RejectReason(null, null, "bad", null), NOW);

        assertThat(letter.getReplayAttempt()).isEqualTo(1);
        assertThat(letter.getFirstLetter()).isNull();
        assertThat(letter.getOriginalRunId()).isNull();
    }

    private static Map<String, String> text(Headers headers) {
        Map<String, String> text = new LinkedHashMap<>();
        Arrays.stream(headers.toArray()).forEach(header -> text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        return text;
    }
}
