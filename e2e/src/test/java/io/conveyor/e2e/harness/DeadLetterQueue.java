package io.conveyor.e2e.harness;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.testkit.CommittedRecords;
import io.conveyor.testkit.ConveyorStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads a dead-letter topic as a consumer with {@code read_committed} does: only what committed transactions hold. */
public final class DeadLetterQueue {

    private final Map<String, Object> clientConfig;

    public DeadLetterQueue(ConveyorStack stack) {
        this(stack.clientConfig());
    }

    /** @param clientConfig the bootstrap servers and {@code schema.registry.url} of the installation */
    public DeadLetterQueue(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** A dead letter with the headers it was published with (the last value of each key). */
    public record Letter(DeadLetter value, Map<String, String> headers, int partition, long offset) {

        public String runId() {
            return value.getRunId();
        }

        public String stage() {
            return value.getStage().name();
        }
    }

    /** Everything committed to {@code topic} up to its last stable offset now. */
    public List<Letter> readAll(String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        List<Letter> letters = new ArrayList<>();
        try (ConfluentAvroDeserializer<Object> reader = new ConfluentAvroDeserializer<>()) {
            reader.configure(config, false);
            for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readAll(clientConfig, topic)) {
                Map<String, String> headers = new HashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                }
                letters.add(new Letter((DeadLetter) reader.deserialize(topic, record.value()), headers,
                        record.partition(), record.offset()));
            }
        }
        return letters;
    }
}
