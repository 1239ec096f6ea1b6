package io.conveyor.scheduler.tracker;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tracker running past records it cannot deserialize. A poison trigger goes to the
 * trigger dead-letter topic with its raw bytes and the reason; any other poison record (task
 * status, pipelines) is logged with topic, partition and offset and skipped.
 *
 * <p>The dead letter is sent by a plain producer of this handler, outside the stream's
 * transaction (Kafka Streams gives a deserialization handler no way into it), and waited for, so
 * it is on the topic before the offset of the poison record is committed. If the application
 * crashes in between, the same dead letter may be sent twice; a trigger is never lost. The
 * producer is opened per poison trigger and closed right after: handlers have no close hook in
 * Kafka Streams 3.9, and poison triggers are rare enough for the cost not to matter.
 */
public final class PoisonRecordHandler implements DeserializationExceptionHandler {

    /** Streams config key carrying the topic prefix to this handler. */
    public static final String TOPIC_PREFIX_CONFIG = "conveyor.kafka.topic-prefix";

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandler.class);

    private TopicNames topics;
    private Map<String, Object> producerConfig;
    private Serializer<DeadLetter> letters;

    @Override
    public void configure(Map<String, ?> configs) {
        Object prefix = configs.get(TOPIC_PREFIX_CONFIG);
        this.topics = prefix == null ? TopicNames.defaults() : new TopicNames(prefix.toString());
        // Every producer setting the tracker was given (the cluster and its security settings), nothing of Streams'.
        this.producerConfig = new HashMap<>();
        configs.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) && value != null) {
                producerConfig.put(key, value);
            }
        });
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-poison-dlq");
        this.letters = new ConfluentAvroSerializer<>();
        letters.configure(configs, false);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        LOG.warn("poison record skipped: topic={} partition={} offset={} reason={}", record.topic(), record.partition(),
                record.offset(), exception.getMessage());
        if (record.topic().equals(topics.triggers())) {
            sendDeadLetter(record, exception);
        }
        return DeserializationHandlerResponse.CONTINUE;
    }

    private void sendDeadLetter(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        var source = new TriggerDeadLetters.Source(record.topic(), record.partition(), record.offset(), record.headers());
        DeadLetter letter = TriggerDeadLetters.undeserializable(source, record.key(), record.value(), exception, Instant.now());
        String topic = topics.triggerDeadLetters();
        try (Producer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, record.key(), letters.serialize(topic, letter))).get();
        } catch (ExecutionException | KafkaException e) {
            // Continuing would lose the trigger without a trace. Failing ends the stream thread; the
            // tracker's uncaught-exception handler replaces it, and the new thread retries the record.
            throw new KafkaException("cannot send the poison trigger at " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted sending a poison trigger to " + topic, e);
        }
    }
}
