package io.conveyor.bench.controlplane;

import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.control.RunIds;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes START triggers with logical times one second apart, so that run {@code n} of a
 * pipeline has the predictable id {@link #runId}.
 */
final class TriggerSender implements AutoCloseable {

    private static final Instant FIRST_LOGICAL_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private final KafkaProducer<String, TriggerEvent> producer;
    private final String topic;
    private final AtomicReference<IllegalStateException> failure = new AtomicReference<>();

    TriggerSender(BenchStack stack, boolean batching) {
        this(stack.clientConfig(), stack.topics().triggers(), batching);
    }

    TriggerSender(Map<String, Object> clientConfig, String triggersTopic, boolean batching) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, batching ? 20 : 0);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batching ? 256 * 1024 : 16 * 1024);
        var values = new ConfluentAvroSerializer<TriggerEvent>();
        values.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values);
        this.topic = triggersTopic;
    }

    static String runId(String pipeline, long n) {
        return RunIds.scheduled(pipeline, FIRST_LOGICAL_TIME.plusSeconds(n));
    }

    /** Sends and waits for the broker's acknowledgement; returns the trigger's produce time. */
    long sendAndWait(String pipeline, long n) throws InterruptedException {
        try {
            RecordMetadata metadata = producer.send(record(pipeline, n)).get();
            return metadata.timestamp();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send trigger " + n + " of " + pipeline, e.getCause());
        }
    }

    /** Sends without waiting; a failure surfaces at the next {@link #flush()}. */
    void send(String pipeline, long n) {
        producer.send(record(pipeline, n), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, new IllegalStateException("cannot send trigger " + n + " of " + pipeline, error));
            }
        });
    }

    void flush() {
        producer.flush();
        IllegalStateException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    private ProducerRecord<String, TriggerEvent> record(String pipeline, long n) {
        TriggerEvent trigger = TriggerEvent.newBuilder()
                .setPipeline(pipeline)
                .setAction(TriggerAction.START)
                .setRequestedBy("bench")
                .setRequestedAt(Instant.now())
                .setLogicalTime(FIRST_LOGICAL_TIME.plusSeconds(n))
                .build();
        return new ProducerRecord<>(topic, pipeline, trigger);
    }

    @Override
    public void close() {
        producer.close();
    }
}
