package io.conveyor.dataplane.testing;

import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.testkit.CommittedRecords;
import io.conveyor.testkit.ConveyorStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test fixture: plays the upstream stage and the control plane on a real broker, and reads what came out. */
public final class DataTopics {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ConveyorStack stack;
    private final ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>();
    private final ConfluentAvroDeserializer<Object> genericReader = new ConfluentAvroDeserializer<>();
    private final ConfluentAvroDeserializer<Object> specificReader = new ConfluentAvroDeserializer<>();

    public DataTopics(ConveyorStack stack) {
        this.stack = stack;
        serializer.configure(stack.clientConfig(), false);
        genericReader.configure(stack.clientConfig(), false);
        Map<String, Object> specific = new HashMap<>(stack.clientConfig());
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        specificReader.configure(specific, false);
    }

    /** One data record for {@link #produceRun}; a {@code byte[]} value is sent as it is (to test unreadable records). */
    public record Data(int partition, String key, Object value, Map<String, String> headers) {

        public Data(int partition, String key, Object value) {
            this(partition, key, value, Map.of());
        }
    }

    /** Publishes an Avro value (a command, a run event) as the control plane would. */
    public void publish(String topic, String key, Object value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.clientConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, DataHeaders.bytes(key), serializer.serialize(topic, value)));
        }
    }

    /**
     * Writes a run's records as a single upstream shard does: in one transaction, the data followed
     * by an END marker to every partition of the topic with the count written there.
     */
    public void produceRun(String topic, String runId, String task, int partitions, List<Data> records) {
        produce(topic, runId, task, partitions, records, true);
    }

    /** Writes a run's records without END markers, as an upstream shard that has not finished (or died). */
    public void produceUnfinished(String topic, String runId, String task, int partitions, List<Data> records) {
        produce(topic, runId, task, partitions, records, false);
    }

    /** Writes one record without any Conveyor header: a stray, as a foreign producer would write it. */
    public void produceWithoutRunHeader(String topic, int partition, String key, Object value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.clientConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, DataHeaders.bytes(key), serializer.serialize(topic, value)));
        }
    }

    /** Closes a run's partitions as one upstream shard does after {@link #produceUnfinished}: {@code counts[p]} records went to p. */
    public void produceEnds(String topic, String runId, String task, long... counts) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "upstream-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            sendEnds(producer, topic, runId, task, counts);
            producer.commitTransaction();
        }
    }

    private void produce(String topic, String runId, String task, int partitions, List<Data> records, boolean ends) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "upstream-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            long[] counts = new long[partitions];
            for (Data data : records) {
                counts[data.partition()]++;
                producer.send(new ProducerRecord<>(topic, data.partition(), null,
                        data.key() == null ? null : DataHeaders.bytes(data.key()),
                        data.value() instanceof byte[] raw ? raw : serializer.serialize(topic, data.value()),
                        headers(runId, task, data.headers())));
            }
            if (ends) {
                sendEnds(producer, topic, runId, task, counts);
            }
            producer.commitTransaction();
        }
    }

    private static List<Header> headers(String runId, String task, Map<String, String> extra) {
        List<Header> headers = new ArrayList<>(List.of(new RecordHeader(DataHeaders.RUN_ID, DataHeaders.bytes(runId)),
                new RecordHeader(DataHeaders.TASK, DataHeaders.bytes(task))));
        extra.forEach((key, value) -> headers.add(new RecordHeader(key, DataHeaders.bytes(value))));
        return headers;
    }

    private static void sendEnds(KafkaProducer<byte[], byte[]> producer, String topic, String runId, String task,
                                 long[] counts) {
        for (int partition = 0; partition < counts.length; partition++) {
            EndMarker end = new EndMarker(runId, task, 0, 1, counts[partition]);
            producer.send(new ProducerRecord<byte[], byte[]>(topic, partition, null, null, end.headers()));
        }
    }

    /** Every committed record of the topic; call it when no transaction on it is open. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return CommittedRecords.readAll(stack, topic);
    }

    /** Reads the committed records of {@code topic} from the beginning until {@code done} holds for them. */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!done.test(records)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("gave up waiting on " + topic + " after reading " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public Object generic(ConsumerRecord<byte[], byte[]> record) {
        return genericReader.deserialize(record.topic(), record.value());
    }

    @SuppressWarnings("unchecked")
    public <T> T specific(ConsumerRecord<byte[], byte[]> record) {
        return (T) specificReader.deserialize(record.topic(), record.value());
    }

    public static long ends(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(record -> DataHeaders.isEnd(record.headers())).count();
    }
}
