package io.conveyor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompactedTopicLogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafkaBroker broker;
    private static KafkaConnection connection;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
        connection = KafkaConnection.of(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void followingAppliesCommittedRecordsAndTombstonesButNeverAnAbortedTransaction() throws Exception {
        String topic = compacted("follow-committed", 2);
        Map<String, String> state = Collections.synchronizedMap(new HashMap<>());
        try (KafkaProducer<String, String> producer = transactional("follow-committed-writer")) {
            commit(producer, topic, "a", "1");
            try (CompactedTopicLog<String, String> log = follow(topic, state)) {
                assertThat(state).containsExactly(Map.entry("a", "1"));

                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "b", "aborted")).get();
                producer.abortTransaction();
                commit(producer, topic, "c", "3");
                commit(producer, topic, "a", null);
                log.readToEnd();

                assertThat(state).containsExactly(Map.entry("c", "3"));
            }
        }
    }

    @Test
    void aWriterWaitsForItsOwnRecordsByTheirOffsets() throws Exception {
        String topic = compacted("follow-own-write", 1);
        Map<String, String> state = Collections.synchronizedMap(new HashMap<>());
        try (KafkaProducer<String, String> producer = transactional("follow-own-write-writer");
             CompactedTopicLog<String, String> log = follow(topic, state)) {
            producer.beginTransaction();
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            producer.commitTransaction();

            log.awaitOffsets(Map.of(new TopicPartition(topic, written.partition()), written.offset() + 1));

            assertThat(state).containsEntry("k", "v");
        }
    }

    @Test
    void readingOnceReadsOnlyTheChosenPartitionToItsEnd() throws Exception {
        String topic = compacted("read-once", 3);
        try (KafkaProducer<String, String> producer = transactional("read-once-writer")) {
            for (int partition = 0; partition < 3; partition++) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, partition, "key", "p" + partition)).get();
                producer.commitTransaction();
            }
        }
        List<String> read = new ArrayList<>();

        CompactedTopicLog.readOnce(connection.adminConfig(), topic, all -> List.of(all.get(1)), new StringDeserializer(),
                new StringDeserializer(), record -> read.add(record.partition() + ":" + record.value()), TIMEOUT);

        assertThat(read).containsExactly("1:p1");
    }

    @Test
    void aClosedLogRefusesToReadToItsEnd() {
        String topic = compacted("closed-log", 1);
        CompactedTopicLog<String, String> log = follow(topic, new HashMap<>());

        log.close();

        assertThatThrownBy(log::readToEnd).isInstanceOf(CompactedTopicLog.TopicReadException.class)
                .isNotInstanceOf(CompactedTopicLog.TopicReadTimeoutException.class)
                .hasMessageContaining("closed-log");
    }

    private static CompactedTopicLog<String, String> follow(String topic, Map<String, String> state) {
        return CompactedTopicLog.follow(connection.adminConfig(), topic, new StringDeserializer(), new StringDeserializer(),
                record -> {
                    if (record.value() == null) {
                        state.remove(record.key());
                    } else {
                        state.put(record.key(), record.value());
                    }
                }, TIMEOUT);
    }

    private static String compacted(String name, int partitions) {
        TopicCreator.ensure(connection, TIMEOUT, List.of(TopicCreator.compacted(name, Optional.of(partitions))));
        return name;
    }

    private static KafkaProducer<String, String> transactional(String id) {
        Map<String, Object> config = new HashMap<>(connection.adminConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    private static void commit(KafkaProducer<String, String> producer, String topic, String key, String value) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, key, value)).get();
        producer.commitTransaction();
    }
}
