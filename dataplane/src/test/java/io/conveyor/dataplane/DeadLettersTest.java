package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private static Map<String, String> text(Headers headers) {
        Map<String, String> text = new LinkedHashMap<>();
        Arrays.stream(headers.toArray()).forEach(header -> text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        return text;
    }
}
